using Highwater.Sources.Reading;
using Highwater.Sources.Tests.TestDatabases;

namespace Highwater.Sources.Tests.Reading.Sqlite;

public sealed class SqliteSourceReaderTests(SqliteTestDatabase database) : SourceReaderContractTests<SqliteTestDatabase>(database)
{
    private async Task<string> MarksAsync(string markType, params object[] marks)
    {
        var table = NewTable("marks");
        await Database.ExecuteAsync($"CREATE TABLE {table} (id INTEGER, updated_at {markType})");
        await Database.InsertAsync(table, ["id", "updated_at"], marks.Select((m, i) => new object?[] { i + 1, m }));
        return table;
    }

    [SkippableFact]
    public async Task ReadPage_IsoTextWrittenInDifferentForms_OrdersByInstant()
    {
        var table = await MarksAsync(
            "DATETIME",
            "2024-05-06T09:08:10+02:00",
            "2024-05-06T07:08:09.5Z",
            "2024-05-06 07:08:09",
            "2024-05-06T07:08:09.2500000",
            "2024-05-05T23:59:59.999-08:00");
        await using var reader = SourceReaderFactory.Create(Source(table));

        var rows = await ReadAllPagesAsync(reader, 1);

        Assert.Equal(["3", "4", "2", "1", "5"], rows.Select(r => r.Key));
        Assert.Equal(
            [
                "2024-05-06T07:08:09.0000000Z",
                "2024-05-06T07:08:09.2500000Z",
                "2024-05-06T07:08:09.5000000Z",
                "2024-05-06T07:08:10.0000000Z",
                "2024-05-06T07:59:59.9990000Z",
            ],
            rows.Select(r => r.Mark));
    }

    [SkippableFact]
    public async Task ReadPage_SubMillisecondDigits_AreComparedToTheMillisecond()
    {
        // Both rows fall in the same millisecond: they tie on the mark and the key breaks the tie.
        var table = await MarksAsync("TEXT", "2024-05-06T07:08:09.1238Z", "2024-05-06T07:08:09.1236Z");
        await using var reader = SourceReaderFactory.Create(Source(table));

        var rows = await ReadAllPagesAsync(reader, 1);

        Assert.Equal(["1", "2"], rows.Select(r => r.Key));
        Assert.All(rows, r => Assert.Equal("2024-05-06T07:08:09.1240000Z", r.Mark));
    }

    [SkippableFact]
    public async Task ReadPage_ComputedKeyInATableThatWasEmpty_StillComparesKeysAsNumbers()
    {
        var table = NewTable("later");
        await Database.ExecuteAsync($"CREATE TABLE {table} (id INTEGER, updated_at TEXT)");
        var source = Source(table) with { Table = null, Query = $"SELECT id + 0 AS id, updated_at FROM {table}" };
        await using var reader = SourceReaderFactory.Create(source);
        Assert.Empty(await reader.ReadPageAsync(null, 10, CancellationToken.None));

        // An expression has no declared type: only values tell that these keys are numbers.
        await Database.InsertAsync(table, ["id", "updated_at"], [[10, Database.Timestamp(T0)], [9, Database.Timestamp(T0)], [100, Database.Timestamp(T0)]]);
        var rows = await ReadAllPagesAsync(reader, 1);

        Assert.Equal(["9", "10", "100"], rows.Select(r => r.Key));
    }

    [SkippableFact]
    public async Task ReadPage_FirstRowsWithoutAMark_DoNotDecideTheMarksType()
    {
        var table = await MarksAsync("DATETIME", DBNull.Value, DBNull.Value, "2024-05-06T07:08:09Z");
        await using var reader = SourceReaderFactory.Create(Source(table));

        await reader.CheckAsync(CancellationToken.None);
        Assert.Equal(["3"], (await ReadAllPagesAsync(reader, 1)).Select(r => r.Key));
    }

    [SkippableFact]
    public async Task Check_UnixTimeUnderTimestampMark_SaysToUseIntegerMarks()
    {
        var table = await MarksAsync("INTEGER", 1_714_979_289L);
        await using var reader = SourceReaderFactory.Create(Source(table));

        var e = await Assert.ThrowsAsync<SourceException>(() => reader.CheckAsync(CancellationToken.None));

        Assert.Equal(
            "source 'crm_users': mark column 'updated_at' holds numbers: SQLite timestamp marks must be ISO 8601 text (for unix time use markKind Integer)",
            e.Message);
    }

    [SkippableFact]
    public async Task Check_TextThatIsNotATimestamp_IsReported()
    {
        var table = await MarksAsync("TEXT", "2024-05-06T07:08:09Z", "last tuesday");
        await using var reader = SourceReaderFactory.Create(Source(table));

        var e = await Assert.ThrowsAsync<SourceException>(() => reader.CheckAsync(CancellationToken.None));

        Assert.StartsWith("source 'crm_users': mark column 'updated_at' holds values that are not ISO 8601 text timestamps", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Check_MissingFile_IsTransientAndCreatesNothing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hw_src_missing_{Guid.NewGuid():N}.db");
        await using var reader = SourceReaderFactory.Create(Source("users") with { Connection = $"Data Source={path}" });

        var e = await Assert.ThrowsAsync<SourceException>(() => reader.CheckAsync(CancellationToken.None));

        Assert.True(e.IsTransient);
        Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(e.InnerException);
        Assert.False(File.Exists(path));
    }

    [SkippableFact]
    public async Task ReadPage_SqliteValues_AreTheStoredValuesAsText()
    {
        var table = NewTable("typed");
        await Database.ExecuteAsync($"CREATE TABLE {table} (id INTEGER, updated_at TEXT, flag BOOLEAN, amount DECIMAL(10,2), stamp DATETIME)");
        await Database.InsertAsync(table, ["id", "updated_at", "flag", "amount", "stamp"], [[1, Database.Timestamp(T0), true, 12.50m, "2024-05-06 07:08:09"]]);
        await using var reader = SourceReaderFactory.Create(Source(table));

        var row = Assert.Single(await reader.ReadPageAsync(null, 10, CancellationToken.None));

        // SQLite types values, not columns: a boolean is the integer 1, a DATETIME the text it holds.
        Assert.Equal("1", row.Properties["flag"]);
        Assert.Equal("12.5", row.Properties["amount"]);
        Assert.Equal("2024-05-06 07:08:09", row.Properties["stamp"]);
    }
}
