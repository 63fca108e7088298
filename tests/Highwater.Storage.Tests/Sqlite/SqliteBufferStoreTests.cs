using Highwater.Storage.Sqlite;

namespace Highwater.Storage.Tests.Sqlite;

public sealed class SqliteBufferStoreTests(SqliteDatabaseFixture fixture) : BufferStoreContractTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override int LatestSchemaVersion => SqliteMigrator.LatestVersion;

    protected override Task<string> SharedDatabaseAsync() => Task.FromResult(fixture.Shared);

    protected override Task<string> NewDatabaseAsync() => Task.FromResult(fixture.NewDatabase());
}
