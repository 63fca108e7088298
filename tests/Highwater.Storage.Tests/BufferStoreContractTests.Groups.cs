using Highwater.Storage.Ingest;
using Highwater.Storage.Profiles;

namespace Highwater.Storage.Tests;

public abstract partial class BufferStoreContractTests
{
    [SkippableFact]
    public async Task Profiles_List_WalksEveryProfileOnceInKeysetPages()
    {
        string[] keys = [.. Enumerable.Range(1, 7).Select(i => Unique($"list{i}"))];
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Profiles = [.. keys.Select(key => Profile(key, ("email", key)))] }, None);

        var seen = new List<StoredProfile>();
        string? after = null;
        while (true)
        {
            var page = await Store.Profiles.ListAsync(after, 3, None);
            seen.AddRange(page);
            if (page.Count < 3)
            {
                break;
            }

            after = page[^1].Key;
        }

        // The table is shared with other tests: ours are all there, once each, with their content.
        Assert.Equal(seen.Count, seen.Select(p => p.Key).Distinct().Count());
        var ours = seen.Where(p => keys.Contains(p.Key)).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), ours.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.All(ours, p => Assert.Equal(p.Key, p.Properties["email"]));
    }

    [SkippableFact]
    public async Task ChangeGroups_WritesTheGroups_AndEnqueuesTheNamedDestinations()
    {
        string key = Unique("p"), other = Unique("crm2");
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Profiles = [Profile(key, ("seen", "2026-01-01")) with { Groups = new HashSet<string> { "active", "vip" } }] }, None);
        var read = (await Store.Profiles.GetAsync([key], None))[key];
        Time.Advance(TimeSpan.FromDays(31));

        var result = await Store.Ingest.ChangeGroupsAsync([new GroupChange(read, new HashSet<string> { "vip" }, [Destination])], None);

        Assert.Equal(new GroupChangeResult(1, 0, 1, 0), result);
        var stored = (await Store.Profiles.GetAsync([key], None))[key];
        Assert.Equal(["vip"], stored.Groups);
        Assert.Equal(read.Properties, stored.Properties);
        Assert.Equal(Start.AddDays(31), stored.UpdatedAt);
        Assert.Equal(1, (await Store.Outbox.DepthAsync(Destination, OutboxLane.Live, None)).Waiting);
        Assert.Equal(0, (await Store.Outbox.DepthAsync(other, null, None)).Waiting);
    }

    [SkippableFact]
    public async Task ChangeGroups_AProfileChangedSinceRead_IsLeftAlone()
    {
        string changed = Unique("changed"), same = Unique("same");
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Profiles = [Profile(changed, ("plan", "free")), Profile(same, ("plan", "free"))] }, None);
        var read = await Store.Profiles.GetAsync([changed, same], None);

        // A poll gets there first: its profile and its groups stand.
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Profiles = [Profile(changed, ("plan", "pro"))] }, None);
        var result = await Store.Ingest.ChangeGroupsAsync(
            [new GroupChange(read[changed], new HashSet<string> { "late" }, [Destination]), new GroupChange(read[same], new HashSet<string> { "late" }, [Destination])],
            None);

        Assert.Equal(new GroupChangeResult(1, 1, 1, 0), result);
        var stored = await Store.Profiles.GetAsync([changed, same], None);
        Assert.Equal("pro", stored[changed].Properties["plan"]);
        Assert.Empty(stored[changed].Groups);
        Assert.Equal(["late"], stored[same].Groups);
    }

    [SkippableFact]
    public async Task ChangeGroups_ARowStillWaiting_Coalesces()
    {
        var key = Unique("p");
        await ChangeAsync(Destination, key);
        var read = (await Store.Profiles.GetAsync([key], None))[key];

        var result = await Store.Ingest.ChangeGroupsAsync([new GroupChange(read, new HashSet<string> { "g" }, [Destination])], None);

        Assert.Equal(new GroupChangeResult(1, 0, 1, 1), result);
        Assert.Equal(1, (await Store.Outbox.DepthAsync(Destination, null, None)).Waiting);
    }
}
