using Highwater.Storage.Ingest;
using Highwater.Storage.Outbox;

namespace Highwater.Storage.Tests;

/// <summary>
/// A source change that lands while a claimed row is being exported: whatever the transition
/// that settles the claim, it names the version it acted on, and the newer version stays waiting
/// as a new change (lease cleared, claimable at once, no attempts or retry wait of the old one).
/// </summary>
public abstract partial class BufferStoreContractTests
{
    private static readonly TimeSpan RetryWait = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan InFlight = TimeSpan.FromSeconds(10);

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Complete_OfAnOlderVersion_LeavesTheNewerWaiting_AsANewChange(bool viaEnqueue)
    {
        var (key, old) = await ClaimAfterAFailedAttemptAsync();
        var changedAt = await ChangeDuringTheCallAsync(key, viaEnqueue);

        await Store.Outbox.CompleteAsync(Destination, [old.Claimed], None);

        // The old change was exported: the newer one waits from its own arrival.
        await AssertWaitingAsNewAsync(key, old, firstEnqueuedAt: changedAt, changedAt);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Remove_OfAnOlderVersion_LeavesTheNewerWaiting_AsANewChange(bool viaEnqueue)
    {
        var (key, old) = await ClaimAfterAFailedAttemptAsync();
        var changedAt = await ChangeDuringTheCallAsync(key, viaEnqueue);

        await Store.Outbox.RemoveAsync(Destination, [old.Claimed], None);

        // The old change went to the dead letters: the newer one waits from its own arrival.
        await AssertWaitingAsNewAsync(key, old, firstEnqueuedAt: changedAt, changedAt);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Release_AFailedAttemptOfAnOlderVersion_LeavesTheNewerClaimableAtOnce_WithNoAttempts(bool viaEnqueue)
    {
        var (key, old) = await ClaimAfterAFailedAttemptAsync();
        var changedAt = await ChangeDuringTheCallAsync(key, viaEnqueue);

        await Store.Outbox.ReleaseAsync(Destination, [old.Claimed], Time.GetUtcNow() + TimeSpan.FromHours(1), failedAttempt: true, None);

        // Nothing was exported: the row still waits from the old change.
        await AssertWaitingAsNewAsync(key, old, firstEnqueuedAt: old.FirstEnqueuedAt, changedAt);
    }

    [SkippableTheory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Release_GivingBackAnOlderVersion_LeavesTheNewerClaimableAtOnce_WithNoAttempts(bool viaEnqueue, bool held)
    {
        var (key, old) = await ClaimAfterAFailedAttemptAsync();
        var changedAt = await ChangeDuringTheCallAsync(key, viaEnqueue);

        // A plain give-back (deferred, stopping) or one held by the scheduler until a later time.
        DateTimeOffset? notBefore = held ? Time.GetUtcNow() + TimeSpan.FromHours(1) : null;
        await Store.Outbox.ReleaseAsync(Destination, [old.Claimed], notBefore, failedAttempt: false, None);

        await AssertWaitingAsNewAsync(key, old, firstEnqueuedAt: old.FirstEnqueuedAt, changedAt);
    }

    [SkippableFact]
    public async Task Release_TheClaimedVersion_KeepsItsWaitAndCountsTheAttempt()
    {
        var (key, old) = await ClaimAfterAFailedAttemptAsync();

        await Store.Outbox.ReleaseAsync(Destination, [old.Claimed], Time.GetUtcNow() + RetryWait, failedAttempt: true, None);

        Assert.Empty(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w2", Lease, None));
        Time.Advance(RetryWait);
        var again = Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w2", Lease, None));
        Assert.Equal(old with { Attempts = 2 }, again);
    }

    [SkippableFact]
    public async Task Remove_TheClaimedVersion_DropsTheRow()
    {
        var (_, old) = await ClaimAfterAFailedAttemptAsync();

        await Store.Outbox.RemoveAsync(Destination, [old.Claimed], None);

        Assert.Equal(new OutboxDepth(0, null), await Store.Outbox.DepthAsync(Destination, null, None));
    }

    /// <summary>A row claimed for its second try: version 1, one failed attempt behind it.</summary>
    private async Task<(string Key, OutboxItem Claimed)> ClaimAfterAFailedAttemptAsync()
    {
        var key = Unique("p");
        await ChangeAsync(Destination, key);
        var first = Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", Lease, None));
        await Store.Outbox.ReleaseAsync(Destination, [first.Claimed], Start + RetryWait, failedAttempt: true, None);
        Time.Advance(RetryWait);

        var claimed = Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", Lease, None));
        Assert.Equal(new OutboxItem(Destination, key, 1, OutboxLane.Live, Start, Start, 1), claimed);
        return (key, claimed);
    }

    /// <summary>The source changes the profile while the claimed version's export is in flight; returns when.</summary>
    private async Task<DateTimeOffset> ChangeDuringTheCallAsync(string key, bool viaEnqueue)
    {
        Time.Advance(InFlight);
        var result = viaEnqueue
            ? await Store.Outbox.EnqueueAsync([new OutboxEntry(Destination, key)], None)
            : await ChangeAsync(Destination, key);
        Assert.Equal(new IngestResult(1, 1), result);
        return Time.GetUtcNow();
    }

    /// <summary>
    /// The newer version waits, and another worker can claim it now, before the old lease would
    /// have run out: no lease, no retry wait, no attempts carried over.
    /// </summary>
    private async Task AssertWaitingAsNewAsync(string key, OutboxItem old, DateTimeOffset firstEnqueuedAt, DateTimeOffset changedAt)
    {
        Assert.Equal(new OutboxDepth(1, firstEnqueuedAt), await Store.Outbox.DepthAsync(Destination, null, None));
        var newer = Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w2", Lease, None));
        Assert.Equal(new OutboxItem(Destination, key, old.Version + 1, OutboxLane.Live, firstEnqueuedAt, changedAt, 0), newer);
    }
}
