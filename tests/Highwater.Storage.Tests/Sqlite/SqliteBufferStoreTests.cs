using Highwater.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Highwater.Storage.Tests.Sqlite;

public sealed class SqliteBufferStoreTests(SqliteDatabaseFixture fixture) : BufferStoreContractTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override int LatestSchemaVersion => SqliteMigrator.LatestVersion;

    protected override Task<string> SharedDatabaseAsync() => Task.FromResult(fixture.Shared);

    protected override Task<string> NewDatabaseAsync() => Task.FromResult(fixture.NewDatabase());

    protected override async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
