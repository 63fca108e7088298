namespace Highwater.Storage.Ingest;

/// <summary>Stores a poll's changes atomically with its mark.</summary>
public interface IIngestStore
{
    /// <summary>Commits profiles, row hashes, outbox rows and the new mark in one transaction.</summary>
    Task<IngestResult> CommitAsync(IngestCommit commit, CancellationToken cancellationToken);

    /// <summary>
    /// Writes new groups (and updated_at) of profiles still exactly as read, and enqueues each one
    /// written for its destinations, in one transaction; a profile changed since it was read is skipped.
    /// </summary>
    Task<GroupChangeResult> ChangeGroupsAsync(IReadOnlyCollection<GroupChange> changes, CancellationToken cancellationToken);
}
