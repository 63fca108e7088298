using System.Data.Common;
using Highwater.Sources.Reading;
using MySqlConnector;

namespace Highwater.Sources.Tests.TestDatabases;

/// <summary>A database of its own on the MariaDB (or MySQL) server named by HIGHWATER_TEST_MYSQL.</summary>
public sealed class MySqlTestDatabase : TestDatabase
{
    public const string VariableName = "HIGHWATER_TEST_MYSQL";

    private string _server = string.Empty;

    public override SourceKind Kind => SourceKind.MySql;

    public override string UnreachableConnectionString => "Server=127.0.0.1;Port=1;User ID=highwater;Password=highwater;Connection Timeout=3";

    public string Name { get; private set; } = string.Empty;

    // Indexable text: MySQL cannot index TEXT without a prefix length.
    public override string TextType => "VARCHAR(191)";

    public override string IntType => "INT";

    public override string BigIntType => "BIGINT";

    public override string TimestampType => "DATETIME(6)";

    public override string BoolType => "BOOLEAN";

    public override string DoubleType => "DOUBLE";

    public override string BlobType => "VARBINARY(100)";

    protected override string? Variable => VariableName;

    protected override string ServerName => "MariaDB";

    public override string Quote(string identifier) => $"`{identifier}`";

    public override string Qualified(string table) => $"{Name}.{table}";

    public override DbConnection CreateConnection() => new MySqlConnection(ConnectionString);

    protected override async Task CreateAsync(string? server)
    {
        _server = server!;
        Name = NewName();
        await using (var connection = new MySqlConnection(_server))
        {
            await connection.OpenAsync();
            await using var command = new MySqlCommand($"CREATE DATABASE {Name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        ConnectionString = new MySqlConnectionStringBuilder(_server) { Database = Name }.ToString();
    }

    protected override async Task DropAsync()
    {
        await MySqlConnection.ClearAllPoolsAsync();
        await using var connection = new MySqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS {Name}", connection);
        await command.ExecuteNonQueryAsync();
    }
}
