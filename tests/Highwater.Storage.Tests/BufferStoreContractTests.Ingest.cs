using Highwater.Storage.Ingest;
using Highwater.Storage.Marks;
using Highwater.Storage.Outbox;

namespace Highwater.Storage.Tests;

public abstract partial class BufferStoreContractTests
{
    [SkippableFact]
    public async Task Sources_Get_NeverPolled_IsNull()
    {
        Assert.Null(await StateAsync());
    }

    [SkippableFact]
    public async Task Commit_StoresMarkHashesProfilesAndOutbox_Together()
    {
        string a = Unique("a"), b = Unique("b");

        var result = await Store.Ingest.CommitAsync(
            new IngestCommit
            {
                Source = Source,
                Mark = new SourceMark("2026-03-01T10:00:00Z", b),
                RowHashes = new Dictionary<string, string> { [a] = "h-a", [b] = "h-b" },
                Profiles = [Profile(a, ("email", "a@example.com")), Profile(b, ("email", "b@example.com"))],
                Outbox = [new OutboxEntry(Destination, a), new OutboxEntry(Destination, b)],
            },
            None);

        Assert.Equal(new IngestResult(2, 0), result);
        Assert.Equal(new SourceState(Source, new SourceMark("2026-03-01T10:00:00Z", b), Start, 2), await StateAsync());
        Assert.Equal(2, (await Store.Sources.GetRowHashesAsync(Source, [a, b], None)).Count);
        Assert.Equal(2, (await Store.Profiles.GetAsync([a, b], None)).Count);
        Assert.Equal(new OutboxDepth(2, Start), await Store.Outbox.DepthAsync(Destination, null, None));
    }

    [SkippableFact]
    public async Task Commit_WithoutMark_KeepsTheMark_AndRecordsThePoll()
    {
        var mark = new SourceMark("41", Unique("k"));
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Mark = mark }, None);
        Time.Advance(TimeSpan.FromMinutes(1));

        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source }, None);

        var state = await StateAsync();
        Assert.Equal(mark, state!.Mark);
        Assert.Equal(Start.AddMinutes(1), state.LastPolledAt);
    }

    [SkippableFact]
    public async Task Commit_FirstWithoutMark_CreatesTheSource_WithNoMark()
    {
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source }, None);

        Assert.Equal(new SourceState(Source, null, Start, 0), await StateAsync());
    }

    [SkippableFact]
    public async Task Commit_RowHashes_ReplaceOlder_AndVanishedKeysAreForgotten()
    {
        string a = Unique("a"), b = Unique("b"), c = Unique("c");
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, RowHashes = new Dictionary<string, string> { [a] = "1", [b] = "1", [c] = "1" } }, None);

        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, RowHashes = new Dictionary<string, string> { [a] = "2" }, VanishedKeys = [b] }, None);

        var hashes = await Store.Sources.GetRowHashesAsync(Source, [a, b, c], None);
        Assert.Equal(new Dictionary<string, string> { [a] = "2", [c] = "1" }, hashes);
        Assert.Equal(2, (await StateAsync())!.Rows);
    }

    [SkippableFact]
    public async Task Commit_ThatBreaksAConstraint_StoresNothing_AndKeepsTheOldMark()
    {
        var (before, key) = await CommitFirstPageAsync();

        // The outbox row names a profile the buffer does not hold: the last write of the commit fails.
        await Assert.ThrowsAnyAsync<Exception>(() => Store.Ingest.CommitAsync(NextPage(key, new OutboxEntry(Destination, Unique("ghost"))), None));

        await AssertFirstPageOnlyAsync(before, key);
    }

    [SkippableFact]
    public async Task Commit_WithAnUnknownLane_StoresNothing()
    {
        var (before, key) = await CommitFirstPageAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => Store.Ingest.CommitAsync(NextPage(key, new OutboxEntry(Destination, key, (OutboxLane)7)), None));

        await AssertFirstPageOnlyAsync(before, key);
    }

    [SkippableFact]
    public async Task Commit_CancelledHalfway_StoresNothing()
    {
        var (before, key) = await CommitFirstPageAsync();
        using var cancellation = new CancellationTokenSource();
        var page = NextPage(key, new OutboxEntry(Destination, key));

        // The outbox is read after the mark, hashes and profiles were written in the transaction.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store.Ingest.CommitAsync(page with { Outbox = new CancelOnEnumeration<OutboxEntry>(page.Outbox, cancellation) }, cancellation.Token));

        await AssertFirstPageOnlyAsync(before, key);
    }

    [SkippableFact]
    public async Task Commit_AProfileAlreadyWaiting_Coalesces_KeepingItsAgeAndAttempts()
    {
        var key = Unique("p");
        await ChangeAsync(Destination, key);
        await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", TimeSpan.FromMinutes(1), None);
        await Store.Outbox.ReleaseAsync(Destination, [new Outbox.OutboxCompletion(key, 1)], Start.AddHours(1), failedAttempt: true, None);
        Time.Advance(TimeSpan.FromMinutes(5));

        var result = await ChangeAsync(Destination, key);

        // Coalesced, and the new change clears the retry wait: it is claimable at once.
        Assert.Equal(new IngestResult(1, 1), result);
        var item = Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", TimeSpan.FromMinutes(1), None));
        Assert.Equal(new Outbox.OutboxItem(Destination, key, 2, OutboxLane.Live, Start, Start.AddMinutes(5), 1), item);
    }

    [SkippableFact]
    public async Task Commit_SameEntryTwiceInOneCommit_WritesOneRow()
    {
        var key = Unique("p");

        var result = await Store.Ingest.CommitAsync(
            new IngestCommit { Source = Source, Profiles = [Profile(key)], Outbox = [new OutboxEntry(Destination, key, OutboxLane.Backfill), new OutboxEntry(Destination, key)] },
            None);

        Assert.Equal(new IngestResult(1, 0), result);
        Assert.Equal(1, (await Store.Outbox.DepthAsync(Destination, OutboxLane.Live, None)).Waiting);
    }

    [SkippableFact]
    public async Task Commit_LiveChange_MovesABackfillRowToTheLiveLane_AndNotBack()
    {
        string moved = Unique("moved"), stays = Unique("stays");
        await ChangeAsync(Destination, OutboxLane.Backfill, moved);
        await ChangeAsync(Destination, OutboxLane.Live, stays);

        await ChangeAsync(Destination, OutboxLane.Live, moved);
        await ChangeAsync(Destination, OutboxLane.Backfill, stays);

        Assert.Equal(2, (await Store.Outbox.DepthAsync(Destination, OutboxLane.Live, None)).Waiting);
        Assert.Equal(0, (await Store.Outbox.DepthAsync(Destination, OutboxLane.Backfill, None)).Waiting);
    }

    private async Task<(SourceState Before, string Key)> CommitFirstPageAsync()
    {
        var key = Unique("p");
        await Store.Ingest.CommitAsync(
            new IngestCommit
            {
                Source = Source,
                Mark = new SourceMark("1", key),
                RowHashes = new Dictionary<string, string> { [key] = "old" },
                Profiles = [Profile(key, ("email", "old@example.com"))],
            },
            None);
        Time.Advance(TimeSpan.FromMinutes(1));
        return ((await StateAsync())!, key);
    }

    private IngestCommit NextPage(string key, OutboxEntry entry) => new()
    {
        Source = Source,
        Mark = new SourceMark("2", Unique("next")),
        RowHashes = new Dictionary<string, string> { [key] = "new", [Unique("next")] = "new" },
        VanishedKeys = [Unique("none")],
        Profiles = [Profile(key, ("email", "new@example.com")), Profile(Unique("next"))],
        Outbox = [entry],
    };

    private async Task AssertFirstPageOnlyAsync(SourceState before, string key)
    {
        Assert.Equal(before, await StateAsync());
        Assert.Equal(new Dictionary<string, string> { [key] = "old" }, await Store.Sources.GetRowHashesAsync(Source, [key, Unique("next")], None));
        var profiles = await Store.Profiles.GetAsync([key, Unique("next")], None);
        Assert.Equal("old@example.com", Assert.Single(profiles).Value.Properties["email"]);
        Assert.Equal(0, (await Store.Outbox.DepthAsync(Destination, null, None)).Waiting);
    }
}
