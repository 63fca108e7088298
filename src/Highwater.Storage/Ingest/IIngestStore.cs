namespace Highwater.Storage.Ingest;

/// <summary>Stores a poll's changes atomically with its mark.</summary>
public interface IIngestStore
{
    /// <summary>Commits profiles, row hashes, outbox rows and the new mark in one transaction.</summary>
    Task<IngestResult> CommitAsync(IngestCommit commit, CancellationToken cancellationToken);
}
