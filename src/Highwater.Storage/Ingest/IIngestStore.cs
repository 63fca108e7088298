namespace Highwater.Storage.Ingest;

/// <summary>Stores a poll's changes atomically with its mark.</summary>
public interface IIngestStore
{
    /// <summary>Commits profiles, row hashes, outbox rows and the new mark in one transaction.</summary>
    Task<IngestResult> CommitAsync(IngestCommit commit, CancellationToken cancellationToken);

    /// <summary>
    /// Reads, decides and commits one page in one write transaction: <paramref name="decide"/> reads
    /// what the page needs through <see cref="IIngestReads"/> and answers the commit, which is then
    /// written as by <see cref="CommitAsync"/>. Writers of the same profiles (another source's poller,
    /// another process) wait for each other, so none merges against a profile another is about to
    /// replace. Anything <paramref name="decide"/> throws rolls the whole page back.
    /// </summary>
    Task<IngestResult> IngestAsync(Func<IIngestReads, CancellationToken, Task<IngestCommit>> decide, CancellationToken cancellationToken);

    /// <summary>
    /// Writes new groups (and updated_at) of profiles still exactly as read, and enqueues each one
    /// written for its destinations, in one transaction; a profile changed since it was read is skipped.
    /// </summary>
    Task<GroupChangeResult> ChangeGroupsAsync(IReadOnlyCollection<GroupChange> changes, CancellationToken cancellationToken);
}
