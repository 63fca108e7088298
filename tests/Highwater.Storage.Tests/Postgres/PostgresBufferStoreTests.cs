using Highwater.Storage.Postgres;
using Npgsql;

namespace Highwater.Storage.Tests.Postgres;

public sealed class PostgresBufferStoreTests(PostgresDatabaseFixture fixture) : BufferStoreContractTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override int LatestSchemaVersion => PostgresMigrator.LatestVersion;

    public override Task InitializeAsync()
    {
        if (!fixture.Configured && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{PostgresDatabaseFixture.Variable} is not set: under CI the PostgreSQL server is required. "
                + "Start it and set the variable with: eval \"$(sudo eng/test-databases.sh)\" (.ci/run does this).");
        }

        Skip.IfNot(
            fixture.Configured,
            $"PostgreSQL tests need a server: run eval \"$(sudo eng/test-databases.sh)\" to start one and set {PostgresDatabaseFixture.Variable}, then dotnet test.");
        return base.InitializeAsync();
    }

    protected override Task<string> SharedDatabaseAsync() => Task.FromResult(fixture.Shared!);

    protected override Task<string> NewDatabaseAsync() => fixture.NewDatabaseAsync();

    protected override async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
