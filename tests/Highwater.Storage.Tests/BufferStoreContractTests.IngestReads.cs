using Highwater.Storage.Ingest;
using Highwater.Storage.Marks;
using Highwater.Storage.Profiles;

namespace Highwater.Storage.Tests;

public abstract partial class BufferStoreContractTests
{
    [SkippableFact]
    public async Task Ingest_ReadsInsideItsTransaction_SeeWhatItWillReplace()
    {
        string a = Unique("a"), b = Unique("b");
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, RowHashes = new Dictionary<string, string> { [a] = "h-a" }, Profiles = [Profile(a, ("plan", "free"))] }, None);

        IReadOnlyDictionary<string, string>? hashes = null;
        IReadOnlyDictionary<string, StoredProfile>? profiles = null;
        var result = await Store.Ingest.IngestAsync(
            async (reads, token) =>
            {
                hashes = await reads.GetRowHashesAsync(Source, [a, b], token);
                profiles = await reads.GetProfilesAsync([a, b], token);
                return new IngestCommit { Source = Source, Profiles = [Profile(b, ("plan", "pro"))], Outbox = [new OutboxEntry(Destination, b)] };
            },
            None);

        Assert.Equal(new Dictionary<string, string> { [a] = "h-a" }, hashes);
        Assert.Equal([a], profiles!.Keys);
        Assert.Equal("free", profiles[a].Properties["plan"]);
        Assert.Equal(new IngestResult(1, 0), result);
        Assert.Equal("pro", (await Store.Profiles.GetAsync([b], None))[b].Properties["plan"]);
    }

    [SkippableFact]
    public async Task PollStart_FollowsTheMarkAndWhetherHashesAreStored()
    {
        Assert.Equal(new SourcePollStart(null, false), await Store.Sources.GetPollStartAsync(Source, None));

        var mark = new SourceMark("2026-03-01T10:00:00Z", Unique("k"));
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Mark = mark }, None);
        Assert.Equal(new SourcePollStart(mark, false), await Store.Sources.GetPollStartAsync(Source, None));

        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, RowHashes = new Dictionary<string, string> { [Unique("a")] = "h" } }, None);
        Assert.Equal(new SourcePollStart(mark, true), await Store.Sources.GetPollStartAsync(Source, None));
    }

    [SkippableFact]
    public async Task Ingest_ThatThrows_WritesNothing()
    {
        var a = Unique("a");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Ingest.IngestAsync(
            async (reads, token) =>
            {
                await reads.GetProfilesAsync([a], token);
                throw new InvalidOperationException("the merge failed");
            },
            None));

        Assert.Empty(await Store.Profiles.GetAsync([a], None));
        Assert.Null(await StateAsync());
    }

    /// <summary>
    /// Two writers (two sources' pollers, in two store instances) each merge their own property into
    /// the same profile, many times over, at the same moment. Each reads the profile in its ingest and
    /// writes it back with its property added: with the reads outside the write transaction, one
    /// writer replaced the other's profile and its property was lost in most rounds.
    /// </summary>
    [SkippableFact]
    public async Task Ingest_ConcurrentWritersOfOneProfile_LoseNoChange()
    {
        var key = Unique("shared");
        var stores = new[] { Store, Open(await SharedDatabaseAsync()) };
        const int Rounds = 25;
        for (var round = 0; round < Rounds; round++)
        {
            var writers = stores.Select((store, writer) => Task.Run(() => store.Ingest.IngestAsync(
                async (reads, token) =>
                {
                    var stored = await reads.GetProfilesAsync([key], token);
                    var properties = stored.TryGetValue(key, out var profile)
                        ? new Dictionary<string, string?>(profile.Properties, StringComparer.Ordinal)
                        : new Dictionary<string, string?>(StringComparer.Ordinal);
                    properties[$"w{writer}-r{round}"] = "set";
                    return new IngestCommit { Source = Source, Profiles = [new StoredProfile(key, properties, new HashSet<string>(), false, default)] };
                },
                None)));
            await Task.WhenAll(writers);
        }

        var final = (await Store.Profiles.GetAsync([key], None))[key].Properties;
        Assert.Equal(2 * Rounds, final.Count);
    }
}
