using System.Data.Common;
using Highwater.Sources.Reading.Sql;
using MySqlConnector;

namespace Highwater.Sources.Reading.MySql;

/// <summary>MySQL and MariaDB: backquoted identifiers, the keyset spelt out (their optimizers use an index for it, not for row values).</summary>
internal sealed class MySqlDialect : SqlDialect
{
    private MySqlDialect()
    {
    }

    public static MySqlDialect Instance { get; } = new();

    public override string DisplayName => "MySQL";

    public override string Quote(string identifier) => $"`{identifier.Replace("`", "``", StringComparison.Ordinal)}`";

    public override string? ConnectionProblem(string connectionString)
    {
        try
        {
            var builder = new MySqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Server) ? "names no Server" : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return $"not a valid MySQL connection string ({e.Message})";
        }
    }

    public override string? ClockQuery => "SELECT UTC_TIMESTAMP(6)";

    public override DbConnection CreateConnection(string connectionString) => new MySqlConnection(connectionString);

    public override string ConnectFailure(string connectionString, Exception exception)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        return $"MySQL at {builder.Server}:{builder.Port}: {exception.Message}";
    }

    /// <summary>TIMESTAMP columns are shown in the session's time zone: make it UTC, the marks' zone.</summary>
    public override async Task PrepareSessionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SET time_zone = '+00:00'";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The driver reads a DATE as a DateTime at midnight; it is a day, as PostgreSQL's driver gives it.</summary>
    public override object ReadValue(DbDataReader reader, int ordinal)
    {
        var value = reader.GetValue(ordinal);
        return value is DateTime day && reader.GetDataTypeName(ordinal) == "DATE" ? DateOnly.FromDateTime(day) : value;
    }

    public override bool IsUndefinedTable(DbException exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.NoSuchTable or MySqlErrorCode.UnknownDatabase };

    public override string KeysetCondition(string mark, string key) =>
        $"({mark} > {SqlQueryBuilder.MarkParameter} OR ({mark} = {SqlQueryBuilder.MarkParameter} AND {key} > {SqlQueryBuilder.KeyParameter}))";

    /// <summary>DATETIME has no zone (ours is UTC) and TIMESTAMP is shown in UTC here; the kind only matters to the driver.</summary>
    public override object TimestampParameter(DateTime utc, SqlColumn column) => DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);
}
