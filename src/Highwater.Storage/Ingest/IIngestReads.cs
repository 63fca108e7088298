using Highwater.Storage.Profiles;

namespace Highwater.Storage.Ingest;

/// <summary>
/// Reads inside an ingest's write transaction (<see cref="IIngestStore.IngestAsync"/>): what they
/// answer cannot change before the commit, so a page merged against them loses no other writer's change.
/// </summary>
public interface IIngestReads
{
    /// <summary>The stored content hashes of these keys' rows of <paramref name="source"/> (absent keys are missing).</summary>
    Task<IReadOnlyDictionary<string, string>> GetRowHashesAsync(string source, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>
    /// The properties these keys' rows of <paramref name="source"/> gave their profiles, as stored
    /// with <see cref="IngestCommit.RowProperties"/> (keys with no row, or a row stored without them, are missing).
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>>> GetRowPropertiesAsync(string source, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>The stored profiles among these keys (absent keys are missing).</summary>
    Task<IReadOnlyDictionary<string, StoredProfile>> GetProfilesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
}
