using System.Data.Common;
using Highwater.Sources.Reading.Sql;
using Npgsql;

namespace Highwater.Sources.Reading.Postgres;

/// <summary>PostgreSQL: double-quoted identifiers, row-value keyset comparison.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    private PostgresDialect()
    {
    }

    public static PostgresDialect Instance { get; } = new();

    public override string DisplayName => "PostgreSQL";

    public override string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public override string? ConnectionProblem(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? "names no Host" : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return $"not a valid PostgreSQL connection string ({e.Message})";
        }
    }

    public override string? ClockQuery => "SELECT now()";

    public override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    public override string ConnectFailure(string connectionString, Exception exception)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL at {builder.Host}:{builder.Port}: {exception.Message}";
    }

    public override bool IsUndefinedTable(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName };

    /// <summary>
    /// A <c>timestamp</c> (without time zone) column holds UTC by our convention, so it is compared
    /// with a <c>timestamp</c> parameter; a <c>timestamptz</c> with a UTC one. Mixing them would let
    /// the session's time zone shift the comparison.
    /// </summary>
    public override object TimestampParameter(DateTime utc, SqlColumn column) =>
        column.DataTypeName.StartsWith("timestamp without time zone", StringComparison.Ordinal)
            ? DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)
            : base.TimestampParameter(utc, column);
}
