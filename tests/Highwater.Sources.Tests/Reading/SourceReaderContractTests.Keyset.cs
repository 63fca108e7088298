using System.Globalization;
using Highwater.Sources.Reading;
using Highwater.Storage.Marks;

namespace Highwater.Sources.Tests.Reading;

public abstract partial class SourceReaderContractTests<TDatabase>
{
    [SkippableFact]
    public async Task ReadPage_FromStart_OrdersByMarkThenKey()
    {
        Database.EnsureAvailable();
        var table = await UsersAsync(Database.IntType, [(3, T0.AddSeconds(2)), (2, T0), (4, T0.AddSeconds(1)), (1, T0)]);
        await using var reader = SourceReaderFactory.Create(Source(table));

        var page = await reader.ReadPageAsync(null, 10, CancellationToken.None);

        Assert.Equal(["1", "2", "4", "3"], page.Select(r => r.Key));
        Assert.Equal([Text(T0), Text(T0), Text(T0.AddSeconds(1)), Text(T0.AddSeconds(2))], page.Select(r => r.Mark));
        Assert.Equal("1@example.com", page[0].Properties["email"]);
    }

    [SkippableFact]
    public async Task ReadPage_After_ReturnsOnlyRowsPastThePosition()
    {
        Database.EnsureAvailable();
        var table = await UsersAsync(Database.IntType, [(3, T0.AddSeconds(2)), (2, T0), (4, T0.AddSeconds(1)), (1, T0)]);
        await using var reader = SourceReaderFactory.Create(Source(table));

        var afterFirst = await reader.ReadPageAsync(new SourceMark(Text(T0), "1"), 10, CancellationToken.None);
        var afterTies = await reader.ReadPageAsync(new SourceMark(Text(T0), "2"), 10, CancellationToken.None);
        var atEnd = await reader.ReadPageAsync(new SourceMark(Text(T0.AddSeconds(2)), "3"), 10, CancellationToken.None);

        Assert.Equal(["2", "4", "3"], afterFirst.Select(r => r.Key));
        Assert.Equal(["4", "3"], afterTies.Select(r => r.Key));
        Assert.Empty(atEnd);
    }

    [SkippableFact]
    public async Task ReadPage_EmptyKey_StartsAtTheMarkItself()
    {
        // A look-back start: every row at or after the mark, whatever the key type.
        Database.EnsureAvailable();
        var table = await UsersAsync(Database.IntType, [(3, T0.AddSeconds(2)), (2, T0), (4, T0.AddSeconds(1)), (1, T0.AddSeconds(-1))]);
        await using var reader = SourceReaderFactory.Create(Source(table));

        var page = await reader.ReadPageAsync(new SourceMark(Text(T0), ""), 10, CancellationToken.None);

        Assert.Equal(["2", "4", "3"], page.Select(r => r.Key));
    }

    [SkippableTheory]
    [InlineData(7)]
    [InlineData(300)]
    public async Task ReadPage_ThousandRowsSharingOneMark_NeitherSkipsNorRepeats(int pageSize)
    {
        Database.EnsureAvailable();
        var before = Enumerable.Range(5001, 5).Select(k => ((object)k, (DateTime?)T0.AddSeconds(-1)));
        var ties = Enumerable.Range(1, 1000).OrderBy(k => (k * 7919) % 1000).Select(k => ((object)k, (DateTime?)T0));
        var after = Enumerable.Range(2001, 5).Select(k => ((object)k, (DateTime?)T0.AddSeconds(1)));
        var table = await UsersAsync(Database.IntType, [.. before, .. ties, .. after]);
        await using var reader = SourceReaderFactory.Create(Source(table));

        var rows = await ReadAllPagesAsync(reader, pageSize);

        var expected = Enumerable.Range(5001, 5).Concat(Enumerable.Range(1, 1000)).Concat(Enumerable.Range(2001, 5));
        Assert.Equal(expected.Select(k => k.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r.Key));
        Assert.Equal(1000, rows.Count(r => r.Mark == Text(T0)));
    }

    [SkippableFact]
    public async Task ReadPage_IntegerMark_PagesInNumericOrder()
    {
        Database.EnsureAvailable();
        var table = NewTable("versions");
        await Database.ExecuteAsync($"CREATE TABLE {Database.Quote(table)} (id {Database.TextType}, version {Database.BigIntType})");
        await Database.InsertAsync(table, ["id", "version"], [["a", 10_000_000_000L], ["b", 7L], ["c", 5L], ["d", 7L], ["e", 9L]]);
        var source = Source(table, "version") with { MarkKind = MarkKind.Integer };
        await using var reader = SourceReaderFactory.Create(source);

        var rows = await ReadAllPagesAsync(reader, 1);

        Assert.Equal(["c", "b", "d", "e", "a"], rows.Select(r => r.Key));
        Assert.Equal(["5", "7", "7", "9", "10000000000"], rows.Select(r => r.Mark));
    }

    [SkippableFact]
    public async Task ReadPage_IntegerKeys_ComparedAsNumbers()
    {
        Database.EnsureAvailable();
        var table = await UsersAsync(Database.IntType, [(100, T0), (2, T0), (10, T0), (1, T0)]);
        await using var reader = SourceReaderFactory.Create(Source(table));

        var rows = await ReadAllPagesAsync(reader, 1);

        Assert.Equal(["1", "2", "10", "100"], rows.Select(r => r.Key));
    }

    [SkippableFact]
    public async Task ReadPage_TextKeys_ComparedAsText()
    {
        Database.EnsureAvailable();
        var table = await UsersAsync(Database.TextType, [("b", T0), ("a2", T0), ("c", T0), ("a10", T0)]);
        await using var reader = SourceReaderFactory.Create(Source(table));

        var rows = await ReadAllPagesAsync(reader, 1);

        Assert.Equal(["a10", "a2", "b", "c"], rows.Select(r => r.Key));
    }

    [SkippableFact]
    public async Task ReadPage_RowsWithoutMarkOrKey_AreNotRead()
    {
        Database.EnsureAvailable();
        var table = await UsersAsync(Database.IntType, [(1, T0), (2, null), (DBNull.Value, T0.AddSeconds(1)), (3, T0.AddSeconds(2))]);
        await using var reader = SourceReaderFactory.Create(Source(table));

        Assert.Equal(["1", "3"], (await reader.ReadPageAsync(null, 10, CancellationToken.None)).Select(r => r.Key));
        Assert.Equal(["1", "3"], (await ReadAllPagesAsync(reader, 1)).Select(r => r.Key));
    }

    [SkippableFact]
    public async Task ReadPage_SchemaQualifiedTable_Reads()
    {
        Database.EnsureAvailable();
        var table = await UsersAsync(Database.IntType, [(1, T0), (2, T0)]);
        await using var reader = SourceReaderFactory.Create(Source(Database.Qualified(table)));

        Assert.Equal(["1", "2"], (await ReadAllPagesAsync(reader, 1)).Select(r => r.Key));
    }

    [SkippableFact]
    public async Task ReadPage_NoMarkColumn_IsRefused()
    {
        Database.EnsureAvailable();
        var table = await UsersAsync(Database.IntType, [(1, T0)]);
        await using var reader = SourceReaderFactory.Create(Source(table, mark: null));

        await Assert.ThrowsAsync<InvalidOperationException>(() => reader.ReadPageAsync(null, 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task ReadPage_BadArguments_AreRefused()
    {
        Database.EnsureAvailable();
        var table = await UsersAsync(Database.IntType, [(1, T0)]);
        await using var reader = SourceReaderFactory.Create(Source(table));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.ReadPageAsync(null, 0, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => reader.ReadPageAsync(new SourceMark("yesterday", "1"), 10, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => reader.ReadPageAsync(new SourceMark(Text(T0), "one"), 10, CancellationToken.None));
    }
}
