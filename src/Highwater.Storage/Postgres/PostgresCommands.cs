using Npgsql;
using NpgsqlTypes;

namespace Highwater.Storage.Postgres;

/// <summary>Creating commands and binding typed values the way every PostgreSQL store does.</summary>
internal static class PostgresCommands
{
    public static NpgsqlCommand Create(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql) =>
        new(sql, connection, transaction);

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, NpgsqlDbType type, object? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }

    public static NpgsqlCommand BindText(this NpgsqlCommand command, string name, string? value) =>
        command.Bind(name, NpgsqlDbType.Text, value);

    public static NpgsqlCommand BindTexts(this NpgsqlCommand command, string name, IEnumerable<string> values) =>
        command.Bind(name, NpgsqlDbType.Array | NpgsqlDbType.Text, values as string[] ?? [.. values]);

    public static NpgsqlCommand BindBigint(this NpgsqlCommand command, string name, long? value) =>
        command.Bind(name, NpgsqlDbType.Bigint, value);

    /// <summary>timestamptz takes UTC only: any offset is converted first.</summary>
    public static NpgsqlCommand BindTime(this NpgsqlCommand command, string name, DateTimeOffset? value) =>
        command.Bind(name, NpgsqlDbType.TimestampTz, value?.ToUniversalTime());

    /// <summary>A message for people with any NUL shown as <c>\0</c>: PostgreSQL's text cannot hold U+0000, and a value quoted in a reason may.</summary>
    public static string Readable(string text) => text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "\\0", StringComparison.Ordinal) : text;

    public static DateTimeOffset GetTime(this NpgsqlDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? GetTimeOrNull(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static string? GetStringOrNull(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
