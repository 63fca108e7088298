using Highwater.Storage.Ingest;

namespace Highwater.Storage.Outbox;

/// <summary>The outbox: one row per (destination, profile) that needs exporting.</summary>
public interface IOutboxStore
{
    /// <summary>Enqueues rows outside an ingest (a dead letter retried, a full resync); an existing row is replaced.</summary>
    Task<IngestResult> EnqueueAsync(IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> rows of one destination and lane, oldest change first,
    /// skipping rows another worker holds a live lease on or that wait for a retry time. Two
    /// workers never claim the same row (PostgreSQL: FOR UPDATE SKIP LOCKED).
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimAsync(string destination, OutboxLane lane, int max, string worker, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Removes exported rows at the version exported. A row changed since its claim stays waiting
    /// as a new change: lease cleared, no retry wait, no attempts, from the first change the claim
    /// did not cover.
    /// </summary>
    Task CompleteAsync(string destination, IReadOnlyCollection<OutboxCompletion> done, CancellationToken cancellationToken);

    /// <summary>
    /// Gives claimed rows back at the version claimed, waiting at least until
    /// <paramref name="notBefore"/>, and counts a failed attempt when asked. A row changed since
    /// its claim is given back as a new change instead: claimable at once, no attempts.
    /// </summary>
    Task ReleaseAsync(string destination, IReadOnlyCollection<OutboxCompletion> claimed, DateTimeOffset? notBefore, bool failedAttempt, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back every row <paramref name="worker"/> holds a lease on, in every destination, with
    /// no attempt counted: a worker restarted after a crash calls it first, since whatever it was
    /// exporting was abandoned. Returns how many rows it gave back.
    /// </summary>
    Task<int> ReleaseHeldByAsync(string worker, CancellationToken cancellationToken);

    /// <summary>
    /// Removes rows at the version claimed without exporting them (they went to the dead letters).
    /// A row changed since its claim stays waiting as a new change, as after <see cref="CompleteAsync"/>.
    /// </summary>
    Task RemoveAsync(string destination, IReadOnlyCollection<OutboxCompletion> claimed, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="max"/> rows waiting for one destination and lane, in claim order (oldest
    /// change first), after <paramref name="after"/> (the last row of the previous page) or from the
    /// first: whether claimed, waiting for a retry or free, and without claiming or changing any.
    /// A dry run (<c>plan</c>) reads what an export would take with it.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> PeekAsync(string destination, OutboxLane lane, OutboxItem? after, int max, CancellationToken cancellationToken);

    /// <summary>How much waits for one destination and lane (both lanes when null).</summary>
    Task<OutboxDepth> DepthAsync(string destination, OutboxLane? lane, CancellationToken cancellationToken);
}
