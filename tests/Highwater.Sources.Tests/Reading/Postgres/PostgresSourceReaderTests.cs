using Highwater.Sources.Reading;
using Highwater.Sources.Tests.TestDatabases;

namespace Highwater.Sources.Tests.Reading.Postgres;

public sealed class PostgresSourceReaderTests(PostgresTestDatabase database) : SourceReaderContractTests<PostgresTestDatabase>(database)
{
    [SkippableTheory]
    [InlineData("timestamptz")]
    [InlineData("timestamp")]
    public async Task ReadPage_SessionInAnotherTimeZone_MarksStayUtc(string markType)
    {
        Database.EnsureAvailable();
        var table = NewTable("zoned");
        await Database.ExecuteAsync($"CREATE TABLE {table} (id integer, updated_at {markType})");
        await Database.ExecuteAsync(
            $"INSERT INTO {table} VALUES (1, '2024-05-06 07:08:09.123456+00'), (2, '2024-05-06 07:08:09.123456+00'), (3, '2024-05-06 08:00:00+00')");
        var source = Source(table) with { Connection = Database.With(b => b.Timezone = "Pacific/Auckland") };
        await using var reader = SourceReaderFactory.Create(source);

        var rows = await ReadAllPagesAsync(reader, 1);

        Assert.Equal(["1", "2", "3"], rows.Select(r => r.Key));
        Assert.Equal(["2024-05-06T07:08:09.1234560Z", "2024-05-06T07:08:09.1234560Z", "2024-05-06T08:00:00.0000000Z"], rows.Select(r => r.Mark));
    }

    [SkippableFact]
    public async Task ReadPage_UuidKeys_PageInTheDatabasesOrder()
    {
        Database.EnsureAvailable();
        var table = NewTable("uuids");
        await Database.ExecuteAsync($"CREATE TABLE {table} (id uuid, updated_at timestamptz)");
        var keys = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        await Database.InsertAsync(table, ["id", "updated_at"], keys.Select(k => new object?[] { k, T0 }));
        await using var reader = SourceReaderFactory.Create(Source(table));

        var rows = await ReadAllPagesAsync(reader, 3);

        Assert.Equal(keys.Select(k => k.ToString("D")).Order(StringComparer.Ordinal), rows.Select(r => r.Key));
    }

    [SkippableFact]
    public async Task ReadPage_PostgresValues_AreInvariantText()
    {
        Database.EnsureAvailable();
        var table = NewTable("typed");
        await Database.ExecuteAsync(
            $"CREATE TABLE {table} (id integer, updated_at timestamptz, flag boolean, off boolean, amount numeric(10,2), " +
            "stamp timestamp, born date, token uuid, real_number real)");
        await Database.ExecuteAsync(
            $"INSERT INTO {table} VALUES (1, '2024-05-06 07:08:09.123+00', true, false, 12.50, '2024-05-06 07:08:09', " +
            "'1990-05-01', 'c0ffee00-0000-4000-8000-000000000001', 0.1)");
        await using var reader = SourceReaderFactory.Create(Source(table));

        var row = Assert.Single(await reader.ReadPageAsync(null, 10, CancellationToken.None));

        Assert.Equal("true", row.Properties["flag"]);
        Assert.Equal("false", row.Properties["off"]);
        Assert.Equal("12.50", row.Properties["amount"]);
        Assert.Equal("2024-05-06T07:08:09.0000000Z", row.Properties["stamp"]);
        Assert.Equal("1990-05-01", row.Properties["born"]);
        Assert.Equal("c0ffee00-0000-4000-8000-000000000001", row.Properties["token"]);
        Assert.Equal("0.1", row.Properties["real_number"]);
    }

    [SkippableFact]
    public async Task ReadPage_TableInAnotherSchema_Reads()
    {
        Database.EnsureAvailable();
        await Database.ExecuteAsync(
            "CREATE SCHEMA crm; CREATE TABLE crm.users (id integer, updated_at timestamptz); INSERT INTO crm.users VALUES (1, now())");
        await using var reader = SourceReaderFactory.Create(Source("crm.users"));

        var row = Assert.Single(await reader.ReadPageAsync(null, 10, CancellationToken.None));

        Assert.Equal("1", row.Key);
    }
}
