using System.Data.Common;
using System.Globalization;
using Highwater.Sources.Reading.Sql;
using Microsoft.Data.Sqlite;

namespace Highwater.Sources.Reading.Sqlite;

/// <summary>
/// SQLite. It has no timestamp type: a timestamp mark must be ISO 8601 text (any form SQLite's date
/// functions read: <c>2024-05-06T07:08:09.123Z</c>, <c>2024-05-06 07:08:09</c>, with or without an
/// offset; no offset means UTC). Marks are compared in one normal form, <c>strftime</c>'s, to the
/// millisecond, so texts written differently still order by time. A unix-time INTEGER column is an
/// increasing number: use <see cref="MarkKind.Integer"/> for it.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    /// <summary>The form the keyset compares timestamp marks in: what the mark expression yields.</summary>
    private const string MarkFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    private SqliteDialect()
    {
    }

    public static SqliteDialect Instance { get; } = new();

    public override string DisplayName => "SQLite";

    public override string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public override string? ConnectionProblem(string connectionString)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.DataSource) ? "names no Data Source (the SQLite file)" : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return $"not a valid SQLite connection string, like Data Source=path/to/file.db ({e.Message})";
        }
    }

    /// <summary>Opens the file read-only unless the connection string says otherwise: a reader must not create a missing file.</summary>
    public override DbConnection CreateConnection(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            builder.Mode = SqliteOpenMode.ReadOnly;
        }

        return new SqliteConnection(builder.ToString());
    }

    /// <summary>A missing file is said so, with its full path (a relative one is read from the working folder).</summary>
    public override string ConnectFailure(string connectionString, Exception exception)
    {
        var path = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        return File.Exists(path) ? $"SQLite file {path}: {exception.Message}" : $"SQLite: no file at {path}";
    }

    public override bool IsUndefinedTable(DbException exception) =>
        exception.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// SQLite types values, not columns: a column declared INTEGER may hold text. The first value
    /// that is not NULL tells how keys and marks compare; with none yet, nothing is assumed.
    /// </summary>
    public override async Task<Type?> SampleTypeAsync(DbConnection connection, SqlQueryBuilder query, string column, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var quoted = query.Column(column);
        command.CommandText = $"SELECT typeof({quoted}) FROM {query.From} WHERE {quoted} IS NOT NULL LIMIT 1";
        return await command.ExecuteScalarAsync(cancellationToken) switch
        {
            "integer" => typeof(long),
            "real" => typeof(double),
            "text" => typeof(string),
            "blob" => typeof(byte[]),
            _ => typeof(object),
        };
    }

    public override string MarkExpression(string column, MarkKind kind) =>
        kind == MarkKind.Timestamp ? $"strftime('%Y-%m-%dT%H:%M:%fZ', {column})" : column;

    /// <summary>
    /// The normal form hides the column from its index; this condition on the raw text uses it.
    /// Any ISO text of an instant at or after the mark starts with a date no earlier than the day
    /// before the mark's (offsets are at most 14 hours), so it keeps every row the keyset wants.
    /// </summary>
    public override string? MarkFloorCondition(string column, MarkKind kind) =>
        kind == MarkKind.Timestamp ? $"{column} >= {SqlQueryBuilder.FloorParameter}" : null;

    public override object? MarkFloorValue(DateTime mark) => mark.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override object TimestampParameter(DateTime utc, SqlColumn column) => utc.ToString(MarkFormat, CultureInfo.InvariantCulture);

    public override string? MarkTypeProblem(SqlColumn column, MarkKind kind) => kind switch
    {
        MarkKind.Timestamp when column.ClrType == typeof(long) || column.ClrType == typeof(double) =>
            $"mark column '{column.Name}' holds numbers: SQLite timestamp marks must be ISO 8601 text (for unix time use markKind Integer)",
        MarkKind.Integer when column.ClrType == typeof(string) || column.ClrType == typeof(double) =>
            $"mark column '{column.Name}' does not hold integers (markKind Integer)",
        _ => null,
    };

    public override async Task<string?> CheckMarkValuesAsync(
        DbConnection connection, SqlQueryBuilder query, SqlShape shape, SourceDefinition definition, CancellationToken cancellationToken)
    {
        if (definition.MarkKind != MarkKind.Timestamp)
        {
            return null;
        }

        // A value strftime cannot read would never be read by the keyset: say so instead.
        var column = query.Column(shape.Columns.Mark!);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT 1 FROM {query.From} WHERE {column} IS NOT NULL AND (typeof({column}) <> 'text' OR {query.Mark(shape.Columns)} IS NULL) LIMIT 1";
        return await command.ExecuteScalarAsync(cancellationToken) is null
            ? null
            : $"mark column '{shape.Columns.Mark}' holds values that are not ISO 8601 text timestamps (SQLite timestamp marks must be text like 2024-05-06T07:08:09.123Z; for unix time use markKind Integer)";
    }
}
