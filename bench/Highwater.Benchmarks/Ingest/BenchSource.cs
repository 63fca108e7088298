using System.Data.Common;
using System.Diagnostics;
using Highwater.Sources.Reading;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Highwater.Benchmarks.Ingest;

/// <summary>A users table in SQLite or PostgreSQL, filled by the database itself, with an index on (updated_at, id).</summary>
internal sealed class BenchSource : IAsyncDisposable
{
    public static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly string? _postgresServer;
    private readonly string? _database;

    private BenchSource(SourceKind kind, string connection, string? postgresServer, string? database)
    {
        Kind = kind;
        Connection = connection;
        _postgresServer = postgresServer;
        _database = database;
    }

    public SourceKind Kind { get; }

    public string Connection { get; }

    public static async Task<BenchSource> CreateAsync(string store, string folder)
    {
        if (store == "sqlite")
        {
            var path = Path.Combine(folder, "source.db");
            return new BenchSource(SourceKind.Sqlite, $"Data Source={path}", null, null);
        }

        var server = Environment.GetEnvironmentVariable("HIGHWATER_TEST_POSTGRES")
            ?? throw new InvalidOperationException("set HIGHWATER_TEST_POSTGRES (eval \"$(eng/test-databases.sh)\") to benchmark PostgreSQL");
        var database = $"hw_bench_{Guid.NewGuid():N}"[..20];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = database };
        return new BenchSource(SourceKind.Postgres, builder.ConnectionString, server, database);
    }

    public SourceDefinition Definition(int pageSize = 5000) => new()
    {
        Name = "users",
        Kind = Kind,
        Connection = Connection,
        Table = "users",
        KeyColumn = "id",
        MarkColumn = "updated_at",
        PageSize = pageSize,
    };

    /// <summary>Creates and fills the table with <paramref name="rows"/> users, one second apart, then indexes it.</summary>
    public async Task FillAsync(long rows, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        if (Kind == SourceKind.Sqlite)
        {
            await ExecuteAsync("PRAGMA journal_mode = WAL; CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, first_name TEXT, plan TEXT, updated_at TEXT NOT NULL)");
            await ExecuteAsync(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @rows) " +
                "INSERT INTO users SELECT i, 'user' || i || '@example.com', 'First' || i, CASE i % 5 WHEN 0 THEN 'pro' ELSE 'free' END, " +
                "strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i / 10) || ' seconds') FROM n", ("@rows", rows));
        }
        else
        {
            await ExecuteAsync("CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, first_name text, plan text, updated_at timestamptz NOT NULL)");
            await ExecuteAsync(
                "INSERT INTO users SELECT i, 'user' || i || '@example.com', 'First' || i, CASE i % 5 WHEN 0 THEN 'pro' ELSE 'free' END, " +
                "timestamptz '2026-01-01 00:00:00+00' + make_interval(secs => i / 10) FROM generate_series(1, @rows) AS i", ("@rows", rows));
        }

        // The index docs/sources.md recommends: SQLite compares timestamp marks in one normal
        // form, so its index is on that expression; PostgreSQL's is on the column.
        await ExecuteAsync(Kind == SourceKind.Sqlite
            ? "CREATE INDEX users_mark ON users (strftime('%Y-%m-%dT%H:%M:%fZ', updated_at), id)"
            : "CREATE INDEX users_mark ON users (updated_at, id)");
        await ExecuteAsync(Kind == SourceKind.Sqlite ? "ANALYZE" : "VACUUM ANALYZE users");
        await log.WriteLineAsync($"filled {rows:N0} rows in {watch.Elapsed.TotalSeconds:N1} s");
    }

    /// <summary>Gives <paramref name="count"/> users spread over the table a new first name and a mark after every other.</summary>
    public async Task TouchAsync(long rows, int count, DateTime at, string name)
    {
        var step = Math.Max(1, rows / count);
        var stamp = Kind == SourceKind.Sqlite ? (object)at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture) : at;
        await ExecuteAsync(
            "UPDATE users SET first_name = @name, updated_at = @at WHERE id % @step = 0 AND id <= @last",
            ("@name", name), ("@at", stamp), ("@step", step), ("@last", step * count));
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using DbConnection connection = Kind == SourceKind.Sqlite ? new SqliteConnection(Connection) : new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 3600;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresServer is null)
        {
            SqliteConnection.ClearAllPools();
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_postgresServer);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
