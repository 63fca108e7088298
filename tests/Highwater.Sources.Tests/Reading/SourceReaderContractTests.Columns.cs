using Highwater.Sources.Reading;

namespace Highwater.Sources.Tests.Reading;

public abstract partial class SourceReaderContractTests<TDatabase>
{
    /// <summary>A table (id, email, name, updated_at, deleted) of three people, one of them deleted.</summary>
    protected async Task<string> PeopleAsync()
    {
        var table = NewTable("people");
        await Database.ExecuteAsync(
            $"CREATE TABLE {Database.Quote(table)} (id {Database.IntType}, email {Database.TextType}, name {Database.TextType}, " +
            $"updated_at {Database.TimestampType}, deleted {Database.BoolType}, deleted_at {Database.TimestampType})");
        await Database.InsertAsync(
            table,
            ["id", "email", "name", "updated_at", "deleted", "deleted_at"],
            [
                [1, "ann@example.com", "Ann", Database.Timestamp(T0), false, null],
                [2, "bob@example.com", null, Database.Timestamp(T0), true, Database.Timestamp(T0)],
                [3, "cy@example.com", "Cy", Database.Timestamp(T0), null, null],
            ]);
        return table;
    }

    [SkippableFact]
    public async Task ReadPage_NoPropertyColumns_DiscoversEveryOtherColumn()
    {
        Database.EnsureAvailable();
        var table = await PeopleAsync();
        await using var reader = SourceReaderFactory.Create(Source(table) with { DeletedColumn = "deleted" });

        var page = await reader.ReadPageAsync(null, 10, CancellationToken.None);

        Assert.Equal(["email", "name", "deleted_at"], page[0].Properties.Keys);
        Assert.Null(page[1].Properties["name"]);
    }

    [SkippableFact]
    public async Task ReadPage_ListedPropertyColumns_ReadsOnlyThose()
    {
        Database.EnsureAvailable();
        var table = await PeopleAsync();
        await using var reader = SourceReaderFactory.Create(Source(table) with { PropertyColumns = ["name", "EMAIL"] });

        var page = await reader.ReadPageAsync(null, 10, CancellationToken.None);

        // Names are matched ignoring case when that is unambiguous; the property keeps the configured name.
        Assert.Equal(["name", "EMAIL"], page[0].Properties.Keys);
        Assert.Equal("ann@example.com", page[0].Properties["EMAIL"]);
    }

    [SkippableFact]
    public async Task ReadPage_DeletedColumn_MarksTrueRowsDeleted()
    {
        Database.EnsureAvailable();
        var table = await PeopleAsync();
        await using var reader = SourceReaderFactory.Create(Source(table) with { DeletedColumn = "deleted" });

        var page = await reader.ReadPageAsync(null, 10, CancellationToken.None);

        Assert.Equal([false, true, false], page.Select(r => r.Deleted));
        Assert.DoesNotContain("deleted", page[0].Properties.Keys);
    }

    [SkippableFact]
    public async Task ReadPage_DeletedAtColumn_MarksRowsWithATimestampDeleted()
    {
        Database.EnsureAvailable();
        var table = await PeopleAsync();
        await using var reader = SourceReaderFactory.Create(Source(table) with { DeletedColumn = "deleted_at" });

        var page = await reader.ReadPageAsync(null, 10, CancellationToken.None);

        Assert.Equal([false, true, false], page.Select(r => r.Deleted));
    }

    [SkippableFact]
    public async Task ReadPage_DeletionsSource_MarksEveryRowDeleted()
    {
        Database.EnsureAvailable();
        var table = await PeopleAsync();
        await using var reader = SourceReaderFactory.Create(Source(table) with { IsDeletions = true, PropertyColumns = ["email"] });

        var page = await reader.ReadPageAsync(null, 10, CancellationToken.None);

        Assert.All(page, r => Assert.True(r.Deleted));
        Assert.Equal(3, page.Count);
    }

    [SkippableFact]
    public async Task ReadPage_QuerySource_ReadsThroughTheSubquery()
    {
        Database.EnsureAvailable();
        var table = await PeopleAsync();
        var source = Source(table) with
        {
            Table = null,
            Query = $"SELECT id, email AS contact, updated_at FROM {Database.Quote(table)} WHERE id <> 2;",
        };
        await using var reader = SourceReaderFactory.Create(source);

        var rows = await ReadAllPagesAsync(reader, 1);

        Assert.Equal(["1", "3"], rows.Select(r => r.Key));
        Assert.Equal(["contact"], rows[0].Properties.Keys);
        Assert.Equal("cy@example.com", rows[1].Properties["contact"]);
    }

    [SkippableFact]
    public async Task ReadPage_ReservedWordsAsNames_AreQuoted()
    {
        Database.EnsureAvailable();
        await Database.ExecuteAsync(
            $"CREATE TABLE {Database.Quote("order")} ({Database.Quote("select")} {Database.IntType}, {Database.Quote("from")} {Database.TimestampType}, {Database.Quote("where")} {Database.TextType})");
        await Database.InsertAsync("order", ["select", "from", "where"], [[1, Database.Timestamp(T0), "here"]]);
        var source = Source("order") with { KeyColumn = "select", MarkColumn = "from" };
        await using var reader = SourceReaderFactory.Create(source);

        var page = await reader.ReadPageAsync(null, 10, CancellationToken.None);

        Assert.Equal("here", Assert.Single(page).Properties["where"]);
    }

    [SkippableFact]
    public async Task ReadPage_CommonValues_AreInvariantText()
    {
        Database.EnsureAvailable();
        var table = NewTable("values");
        await Database.ExecuteAsync(
            $"CREATE TABLE {Database.Quote(table)} (id {Database.IntType}, updated_at {Database.TimestampType}, " +
            $"big {Database.BigIntType}, negative {Database.IntType}, ratio {Database.DoubleType}, tiny {Database.DoubleType}, " +
            $"word {Database.TextType}, empty {Database.TextType}, absent {Database.TextType}, bytes {Database.BlobType})");
        await Database.InsertAsync(
            table,
            ["id", "updated_at", "big", "negative", "ratio", "tiny", "word", "empty", "absent", "bytes"],
            [[1, Database.Timestamp(T0), 9_007_199_254_740_993L, -42, 0.1, 1.5e-7, "héllo, wörld", string.Empty, null, new byte[] { 1, 2, 3, 255 }]]);
        await using var reader = SourceReaderFactory.Create(Source(table));

        var row = Assert.Single(await reader.ReadPageAsync(null, 10, CancellationToken.None));

        Assert.Equal("9007199254740993", row.Properties["big"]);
        Assert.Equal("-42", row.Properties["negative"]);
        Assert.Equal("0.1", row.Properties["ratio"]);
        Assert.Equal("1.5E-07", row.Properties["tiny"]);
        Assert.Equal("héllo, wörld", row.Properties["word"]);
        Assert.Equal(string.Empty, row.Properties["empty"]);
        Assert.Null(row.Properties["absent"]);
        Assert.Equal("AQID/w==", row.Properties["bytes"]);
        Assert.Equal(Text(T0), row.Mark);
    }
}
