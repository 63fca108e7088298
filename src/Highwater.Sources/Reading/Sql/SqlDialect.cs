using System.Data.Common;
using Highwater.Sources.Reading.MySql;
using Highwater.Sources.Reading.Postgres;
using Highwater.Sources.Reading.Sqlite;
using Highwater.Sources.Reading.Values;

namespace Highwater.Sources.Reading.Sql;

/// <summary>What differs between the SQL databases: quoting, connecting, the keyset condition and how marks compare.</summary>
internal abstract class SqlDialect
{
    /// <summary>The database's name, for messages.</summary>
    public abstract string DisplayName { get; }

    public static SqlDialect For(SourceKind kind) => kind switch
    {
        SourceKind.Sqlite => SqliteDialect.Instance,
        SourceKind.Postgres => PostgresDialect.Instance,
        SourceKind.MySql => MySqlDialect.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a SQL source kind."),
    };

    /// <summary>Quotes an identifier already checked by <see cref="Validation.Identifier"/>.</summary>
    public abstract string Quote(string identifier);

    /// <summary>Quotes <c>table</c> or <c>schema.table</c>.</summary>
    public string QuoteTable(string table) => string.Join('.', table.Split('.').Select(Quote));

    /// <summary>Why the connection string cannot be used, or null. Never repeats the string (it may hold a password).</summary>
    public abstract string? ConnectionProblem(string connectionString);

    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>
    /// Why a connection could not be opened, naming where it went (<c>PostgreSQL at 127.0.0.1:5432</c>,
    /// <c>SQLite: no file at /srv/app.db</c>) and never the credentials.
    /// </summary>
    public abstract string ConnectFailure(string connectionString, Exception exception);

    /// <summary>Sets up a newly opened connection (the session's time zone, say).</summary>
    public virtual Task PrepareSessionAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A SELECT of the database's current time in UTC, as timestamp marks are read; null when the
    /// database is a file on this machine (SQLite), whose clock is the caller's.
    /// </summary>
    public virtual string? ClockQuery => null;

    /// <summary>A column's value as the row reader formats it; the driver's own unless it needs help.</summary>
    public virtual object ReadValue(DbDataReader reader, int ordinal) => reader.GetValue(ordinal);

    /// <summary>Whether the failure says the table does not exist.</summary>
    public abstract bool IsUndefinedTable(DbException exception);

    /// <summary>
    /// The type of <paramref name="column"/>'s values where the column's type does not say (SQLite):
    /// null when the column's type stands, <see cref="object"/> when there is no value to look at.
    /// </summary>
    public virtual Task<Type?> SampleTypeAsync(DbConnection connection, SqlQueryBuilder query, string column, CancellationToken cancellationToken) =>
        Task.FromResult<Type?>(null);

    /// <summary>The expression the keyset orders and compares marks by; the column itself unless the database stores them oddly.</summary>
    public virtual string MarkExpression(string column, MarkKind kind) => column;

    /// <summary>(mark, key) &gt; (@mark, @key) in the form the database's optimizer handles best.</summary>
    public virtual string KeysetCondition(string mark, string key) =>
        $"({mark}, {key}) > ({SqlQueryBuilder.MarkParameter}, {SqlQueryBuilder.KeyParameter})";

    /// <summary>An extra, index-friendly condition on the raw mark column that keeps the keyset's rows, or null.</summary>
    public virtual string? MarkFloorCondition(string column, MarkKind kind) => null;

    /// <summary>The floor condition's parameter for a timestamp mark; null when the dialect has no floor condition.</summary>
    public virtual object? MarkFloorValue(DateTime mark) => null;

    /// <summary>A timestamp mark as the parameter compared with <paramref name="column"/>.</summary>
    public virtual object TimestampParameter(DateTime utc, SqlColumn column) =>
        column.ClrType == typeof(DateTimeOffset) ? new DateTimeOffset(utc) : utc;

    /// <summary>Why <paramref name="column"/> cannot be a mark of <paramref name="kind"/>, or null.</summary>
    public virtual string? MarkTypeProblem(SqlColumn column, MarkKind kind) => kind switch
    {
        MarkKind.Timestamp when column.ClrType != typeof(DateTime) && column.ClrType != typeof(DateTimeOffset) =>
            $"mark column '{column.Name}' is {column.DataTypeName}, not a timestamp (markKind Timestamp)",
        MarkKind.Integer when !TypedValue.IsWholeNumber(column.ClrType) =>
            $"mark column '{column.Name}' is {column.DataTypeName}, not an integer (markKind Integer)",
        _ => null,
    };

    /// <summary>Checks the mark column's values where its type alone does not tell (SQLite); the problem, or null.</summary>
    public virtual Task<string?> CheckMarkValuesAsync(
        DbConnection connection, SqlQueryBuilder query, SqlShape shape, SourceDefinition definition, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
