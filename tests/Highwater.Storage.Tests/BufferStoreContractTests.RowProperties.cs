using Highwater.Storage.Ingest;

namespace Highwater.Storage.Tests;

/// <summary>The properties an enrich source's rows gave, stored beside their hashes so a deleted or vanished row takes back exactly those.</summary>
public abstract partial class BufferStoreContractTests
{
    private Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>>> RowPropertiesAsync(string source, params string[] keys)
    {
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>>? read = null;
        return Store.Ingest.IngestAsync(
            async (reads, token) =>
            {
                read = await reads.GetRowPropertiesAsync(source, keys, token);
                return new IngestCommit { Source = source };
            },
            None).ContinueWith(_ => read!, TaskScheduler.Default);
    }

    [SkippableFact]
    public async Task Ingest_RowProperties_AreStoredBesideTheirHashes_OnlyForTheRowsThatGaveThem()
    {
        string enrich = Unique("extras"), a = Unique("a"), b = Unique("b"), c = Unique("c");
        await Store.Ingest.CommitAsync(
            new IngestCommit
            {
                Source = enrich,
                RowHashes = new Dictionary<string, string> { [a] = "h-a", [b] = "h-b" },
                RowProperties = new Dictionary<string, IReadOnlyDictionary<string, string?>> { [a] = new Dictionary<string, string?> { ["company"] = "Acme", ["industry"] = null } },
            },
            None);

        var read = await RowPropertiesAsync(enrich, a, b, c);

        Assert.Equal([a], read.Keys);
        Assert.Equal(new Dictionary<string, string?> { ["company"] = "Acme", ["industry"] = null }, read[a]);
        Assert.Empty(await RowPropertiesAsync(Unique("users"), a));
    }

    [SkippableFact]
    public async Task Ingest_RowRewrittenWithoutProperties_OrVanished_ForgetsThem()
    {
        string enrich = Unique("extras"), a = Unique("a"), b = Unique("b");
        var given = new Dictionary<string, IReadOnlyDictionary<string, string?>>
        {
            [a] = new Dictionary<string, string?> { ["company"] = "Acme" },
            [b] = new Dictionary<string, string?> { ["company"] = "Initech" },
        };
        await Store.Ingest.CommitAsync(new IngestCommit { Source = enrich, RowHashes = new Dictionary<string, string> { [a] = "h-a", [b] = "h-b" }, RowProperties = given }, None);

        // a: soft-deleted (a new hash, nothing given); b: gone from a diff-mode source.
        await Store.Ingest.CommitAsync(new IngestCommit { Source = enrich, RowHashes = new Dictionary<string, string> { [a] = "h-a-deleted" }, VanishedKeys = [b] }, None);

        Assert.Empty(await RowPropertiesAsync(enrich, a, b));
        IReadOnlyDictionary<string, string>? hashes = null;
        await Store.Ingest.IngestAsync(
            async (reads, token) =>
            {
                hashes = await reads.GetRowHashesAsync(enrich, [a, b], token);
                return new IngestCommit { Source = enrich };
            },
            None);
        Assert.Equal(new Dictionary<string, string> { [a] = "h-a-deleted" }, hashes);
    }
}
