using Highwater.Sources.Reading;
using Highwater.Sources.Tests.TestDatabases;

namespace Highwater.Sources.Tests.Reading.MySql;

public sealed class MySqlSourceReaderTests(MySqlTestDatabase database) : SourceReaderContractTests<MySqlTestDatabase>(database)
{
    [SkippableFact]
    public async Task ReadPage_TimestampColumn_IsReadInUtc()
    {
        Database.EnsureAvailable();
        var table = NewTable("stamped");
        await Database.ExecuteAsync($"CREATE TABLE {table} (id INT, updated_at TIMESTAMP(6) NULL)");

        // Written by a session five hours east of UTC: 12:08 there is 07:08 UTC.
        await Database.ExecuteAsync(
            $"SET time_zone = '+05:00'; INSERT INTO {table} VALUES (1, '2024-05-06 12:08:09.123456'), (2, '2024-05-06 12:08:09.123456'), (3, '2024-05-06 13:00:00')");
        await using var reader = SourceReaderFactory.Create(Source(table));

        var rows = await ReadAllPagesAsync(reader, 1);

        Assert.Equal(["1", "2", "3"], rows.Select(r => r.Key));
        Assert.Equal(["2024-05-06T07:08:09.1234560Z", "2024-05-06T07:08:09.1234560Z", "2024-05-06T08:00:00.0000000Z"], rows.Select(r => r.Mark));
    }

    [SkippableFact]
    public async Task ReadPage_Session_IsInUtc()
    {
        Database.EnsureAvailable();
        var table = NewTable("zone");
        await Database.ExecuteAsync($"CREATE TABLE {table} (id INT, updated_at DATETIME(6))");
        await Database.InsertAsync(table, ["id", "updated_at"], [[1, T0]]);
        var source = Source(table) with { Table = null, Query = $"SELECT id, updated_at, @@session.time_zone AS zone FROM {table}" };
        await using var reader = SourceReaderFactory.Create(source);

        var row = Assert.Single(await reader.ReadPageAsync(null, 10, CancellationToken.None));

        Assert.Equal("+00:00", row.Properties["zone"]);
    }

    [SkippableFact]
    public async Task ReadPage_MySqlValues_AreInvariantText()
    {
        Database.EnsureAvailable();
        var table = NewTable("typed");
        await Database.ExecuteAsync(
            $"CREATE TABLE {table} (id INT, updated_at DATETIME(6), flag BOOLEAN, off BOOLEAN, amount DECIMAL(10,2), born DATE, token CHAR(36), ratio FLOAT)");
        await Database.ExecuteAsync(
            $"INSERT INTO {table} VALUES (1, '2024-05-06 07:08:09.123', TRUE, FALSE, 12.50, '1990-05-01', 'c0ffee00-0000-4000-8000-000000000001', 0.5)");
        await using var reader = SourceReaderFactory.Create(Source(table));

        var row = Assert.Single(await reader.ReadPageAsync(null, 10, CancellationToken.None));

        Assert.Equal("true", row.Properties["flag"]);
        Assert.Equal("false", row.Properties["off"]);
        Assert.Equal("12.50", row.Properties["amount"]);
        Assert.Equal("1990-05-01", row.Properties["born"]);
        Assert.Equal("c0ffee00-0000-4000-8000-000000000001", row.Properties["token"]);
        Assert.Equal("0.5", row.Properties["ratio"]);
    }
}
