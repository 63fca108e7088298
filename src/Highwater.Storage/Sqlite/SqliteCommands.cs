using Microsoft.Data.Sqlite;

namespace Highwater.Storage.Sqlite;

/// <summary>Creating commands and binding values the way every SQLite store does.</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Create(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static SqliteCommand Bind(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static SqliteCommand BindTime(this SqliteCommand command, string name, DateTimeOffset? value) =>
        command.Bind(name, value is { } time ? SqliteTime.ToColumn(time) : null);

    public static void Set(this SqliteCommand command, string name, object? value) =>
        command.Parameters[name].Value = value ?? DBNull.Value;
}
