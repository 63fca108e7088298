using System.Collections.Concurrent;
using Highwater.Storage.Ingest;
using Highwater.Storage.Outbox;

namespace Highwater.Storage.Tests;

public abstract partial class BufferStoreContractTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [SkippableFact]
    public async Task Claim_TakesTheOldestChangesFirst_UpToMax()
    {
        string a = Unique("a"), b = Unique("b"), c = Unique("c");
        await ChangeAsync(Destination, c);
        Time.Advance(TimeSpan.FromSeconds(1));
        await ChangeAsync(Destination, a);
        Time.Advance(TimeSpan.FromSeconds(1));
        await ChangeAsync(Destination, b);

        var first = await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 2, "w1", Lease, None);
        var second = await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 2, "w1", Lease, None);
        var third = await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 2, "w1", Lease, None);

        Assert.Equal([c, a], first.Select(item => item.ProfileKey));
        Assert.Equal([b], second.Select(item => item.ProfileKey));
        Assert.Empty(third);
        Assert.Equal(new OutboxItem(Destination, c, 1, OutboxLane.Live, Start, Start, 0), first[0]);
        Assert.Equal(new OutboxDepth(3, Start), await Store.Outbox.DepthAsync(Destination, null, None));
    }

    [SkippableFact]
    public async Task Claim_SkipsLiveLeases_AndRetakesExpiredOnes()
    {
        var key = Unique("p");
        await ChangeAsync(Destination, key);
        Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", Lease, None));

        Time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w2", Lease, None));

        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(key, Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w2", Lease, None)).ProfileKey);
    }

    [SkippableFact]
    public async Task ReleaseHeldBy_GivesBackOnlyThatWorkersLeases_WithoutCountingAnAttempt()
    {
        string mine = Unique("mine"), theirs = Unique("theirs");
        var worker = Unique("w");
        await ChangeAsync(Destination, mine);
        Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 1, worker, Lease, None));
        await ChangeAsync(Destination, theirs);
        Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 1, Unique("other"), Lease, None));

        Assert.Equal(1, await Store.Outbox.ReleaseHeldByAsync(worker, None));

        var again = Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, Unique("w3"), Lease, None));
        Assert.Equal((mine, 0), (again.ProfileKey, again.Attempts));
    }

    [SkippableFact]
    public async Task Claim_SkipsRowsWaitingForARetry_UntilTheirTime()
    {
        var key = Unique("p");
        await ChangeAsync(Destination, key);
        await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", Lease, None);
        await Store.Outbox.ReleaseAsync(Destination, [new OutboxCompletion(key, 1)], Start.AddMinutes(10), failedAttempt: false, None);

        Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Empty(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", Lease, None));

        Time.Advance(TimeSpan.FromMinutes(1));
        var item = Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", Lease, None));
        Assert.Equal(0, item.Attempts);
    }

    [SkippableFact]
    public async Task Claim_TakesOnlyTheDestinationAndLaneAsked()
    {
        string live = Unique("live"), backfill = Unique("backfill"), elsewhere = Unique("elsewhere");
        await ChangeAsync(Destination, OutboxLane.Live, live);
        await ChangeAsync(Destination, OutboxLane.Backfill, backfill);
        await ChangeAsync(Unique("other-crm"), OutboxLane.Live, elsewhere);

        var claimed = await Store.Outbox.ClaimAsync(Destination, OutboxLane.Backfill, 10, "w1", Lease, None);

        var item = Assert.Single(claimed);
        Assert.Equal((Destination, backfill, OutboxLane.Backfill), (item.Destination, item.ProfileKey, item.Lane));
    }

    [SkippableFact]
    public async Task Complete_TheClaimedVersion_RemovesTheRow()
    {
        var key = Unique("p");
        await ChangeAsync(Destination, key);
        var item = Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", Lease, None));

        await Store.Outbox.CompleteAsync(Destination, [new OutboxCompletion(key, item.Version)], None);

        Assert.Equal(new OutboxDepth(0, null), await Store.Outbox.DepthAsync(Destination, null, None));
    }

    [SkippableFact]
    public async Task Complete_AfterNewerChanges_KeepsTheRow_WaitingFromTheFirstOfThem()
    {
        var key = Unique("p");
        await ChangeAsync(Destination, key);
        var claimed = Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", Lease, None));
        Time.Advance(TimeSpan.FromSeconds(10));
        await ChangeAsync(Destination, key);
        Time.Advance(TimeSpan.FromSeconds(10));
        await ChangeAsync(Destination, key);

        await Store.Outbox.CompleteAsync(Destination, [new OutboxCompletion(key, claimed.Version)], None);

        // Still waiting, lease cleared (claimable before the old lease would have run out).
        Assert.Equal(new OutboxDepth(1, Start.AddSeconds(10)), await Store.Outbox.DepthAsync(Destination, null, None));
        var again = Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w2", Lease, None));
        Assert.Equal(new OutboxItem(Destination, key, 3, OutboxLane.Live, Start.AddSeconds(10), Start.AddSeconds(20), 0), again);

        await Store.Outbox.CompleteAsync(Destination, [new OutboxCompletion(key, again.Version)], None);
        Assert.Equal(0, (await Store.Outbox.DepthAsync(Destination, null, None)).Waiting);
    }

    [SkippableFact]
    public async Task Release_ClearsTheLease_AndCountsAFailedAttemptOnlyWhenAsked()
    {
        var key = Unique("p");
        await ChangeAsync(Destination, key);
        await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", Lease, None);

        await Store.Outbox.ReleaseAsync(Destination, [new OutboxCompletion(key, 1)], null, failedAttempt: true, None);
        var failed = Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w2", Lease, None));
        await Store.Outbox.ReleaseAsync(Destination, [failed.Claimed], null, failedAttempt: false, None);
        var given = Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w3", Lease, None));

        Assert.Equal(1, failed.Attempts);
        Assert.Equal(1, given.Attempts);
        Assert.Equal(Start, given.FirstEnqueuedAt);
    }

    [SkippableFact]
    public async Task Remove_DropsTheRows()
    {
        string a = Unique("a"), b = Unique("b");
        await ChangeAsync(Destination, a, b);

        await Store.Outbox.RemoveAsync(Destination, [new OutboxCompletion(a, 1)], None);

        Assert.Equal([b], (await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", Lease, None)).Select(item => item.ProfileKey));
    }

    [SkippableFact]
    public async Task Depth_CountsOneLaneOrBoth_WithTheOldestChange()
    {
        string a = Unique("a"), b = Unique("b"), c = Unique("c");
        await ChangeAsync(Destination, OutboxLane.Backfill, a);
        Time.Advance(TimeSpan.FromMinutes(1));
        await ChangeAsync(Destination, OutboxLane.Live, b, c);

        Assert.Equal(new OutboxDepth(2, Start.AddMinutes(1)), await Store.Outbox.DepthAsync(Destination, OutboxLane.Live, None));
        Assert.Equal(new OutboxDepth(1, Start), await Store.Outbox.DepthAsync(Destination, OutboxLane.Backfill, None));
        Assert.Equal(new OutboxDepth(3, Start), await Store.Outbox.DepthAsync(Destination, null, None));
        Assert.Equal(new OutboxDepth(0, null), await Store.Outbox.DepthAsync(Unique("empty"), null, None));
    }

    [SkippableFact]
    public async Task Peek_PagesEveryWaitingRowInClaimOrder_ClaimedOrRetryingToo_AndChangesNothing()
    {
        string a = Unique("a"), b = Unique("b"), c = Unique("c"), d = Unique("d"), e = Unique("e");
        await ChangeAsync(Destination, c, d);
        Time.Advance(TimeSpan.FromSeconds(1));
        await ChangeAsync(Destination, a, b);
        await ChangeAsync(Destination, OutboxLane.Backfill, e);
        var claimed = await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 1, "w1", Lease, None);
        await Store.Outbox.ReleaseAsync(Destination, [new OutboxCompletion(a, 1)], Start.AddHours(1), failedAttempt: true, None);

        var first = await Store.Outbox.PeekAsync(Destination, OutboxLane.Live, null, 3, None);
        var second = await Store.Outbox.PeekAsync(Destination, OutboxLane.Live, first[^1], 3, None);
        var backfill = await Store.Outbox.PeekAsync(Destination, OutboxLane.Backfill, null, 3, None);

        Assert.Equal([c, d, a], first.Select(item => item.ProfileKey));
        Assert.Equal([b], second.Select(item => item.ProfileKey));
        Assert.Equal([e], backfill.Select(item => item.ProfileKey));
        Assert.Equal(1, first[2].Attempts);
        Assert.Empty(await Store.Outbox.PeekAsync(Destination, OutboxLane.Live, second[0], 3, None));

        // Nothing was claimed or released by peeking: the claim takes what it would have taken.
        Assert.Equal([c], claimed.Select(item => item.ProfileKey));
        Assert.Equal([d, b], (await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w2", Lease, None)).Select(item => item.ProfileKey));
    }

    [SkippableFact]
    public async Task Enqueue_OutsideAnIngest_WritesAndCoalesces()
    {
        string a = Unique("a"), b = Unique("b");
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Profiles = [Profile(a), Profile(b)] }, None);

        var first = await Store.Outbox.EnqueueAsync([new OutboxEntry(Destination, a, OutboxLane.Backfill)], None);
        var second = await Store.Outbox.EnqueueAsync([new OutboxEntry(Destination, a, OutboxLane.Backfill), new OutboxEntry(Destination, b, OutboxLane.Backfill)], None);

        Assert.Equal(new IngestResult(1, 0), first);
        Assert.Equal(new IngestResult(2, 1), second);
        Assert.Equal(2, (await Store.Outbox.DepthAsync(Destination, OutboxLane.Backfill, None)).Waiting);
    }

    [SkippableFact]
    public async Task Claim_ByManyWorkersOnTwoStores_NeverHandsOutARowTwice()
    {
        var keys = Enumerable.Range(0, 300).Select(i => Unique($"p{i:000}")).ToArray();
        await ChangeAsync(Destination, keys);
        var stores = new[] { Store, Open(await SharedDatabaseAsync()) };
        var claimed = new ConcurrentBag<string>();

        await Concurrently.RunAsync(16, async worker =>
        {
            var store = stores[worker % 2];
            while (true)
            {
                var items = await store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 7, $"w{worker}", TimeSpan.FromHours(1), None);
                if (items.Count == 0)
                {
                    return;
                }

                foreach (var item in items)
                {
                    claimed.Add(item.ProfileKey);
                }
            }
        });

        Assert.Equal(keys.Length, claimed.Count);
        Assert.Equal(keys.Order(StringComparer.Ordinal), claimed.Order(StringComparer.Ordinal));
    }
}
