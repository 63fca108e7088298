using System.Data.Common;
using Highwater.Sources.Reading;
using Npgsql;

namespace Highwater.Sources.Tests.TestDatabases;

/// <summary>A database of its own on the PostgreSQL server named by HIGHWATER_TEST_POSTGRES.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string VariableName = "HIGHWATER_TEST_POSTGRES";

    private string _server = string.Empty;
    private string _name = string.Empty;

    public override SourceKind Kind => SourceKind.Postgres;

    public override string UnreachableConnectionString => "Host=127.0.0.1;Port=1;Username=highwater;Password=highwater;Timeout=3";

    public override string TextType => "text";

    public override string IntType => "integer";

    public override string BigIntType => "bigint";

    public override string TimestampType => "timestamptz";

    public override string BoolType => "boolean";

    public override string DoubleType => "double precision";

    public override string BlobType => "bytea";

    protected override string? Variable => VariableName;

    protected override string ServerName => "PostgreSQL";

    public override string Quote(string identifier) => $"\"{identifier}\"";

    public override string Qualified(string table) => $"public.{table}";

    public override DbConnection CreateConnection() => new NpgsqlConnection(ConnectionString);

    /// <summary>This database's connection string with other settings (a session time zone, say).</summary>
    public string With(Action<NpgsqlConnectionStringBuilder> change)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        change(builder);
        return builder.ToString();
    }

    protected override async Task CreateAsync(string? server)
    {
        _server = server!;
        _name = NewName();
        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {_name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ToString();
    }

    protected override async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
