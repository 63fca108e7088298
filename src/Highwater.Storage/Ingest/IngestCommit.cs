using Highwater.Storage.Marks;
using Highwater.Storage.Profiles;

namespace Highwater.Storage.Ingest;

/// <summary>
/// Everything one page of one poll stores, committed in one transaction with the mark it
/// advances to, so a crash can neither lose a change nor move the mark past one.
/// </summary>
public sealed record IngestCommit
{
    /// <summary>The source polled.</summary>
    public required string Source { get; init; }

    /// <summary>The mark after this page; null leaves the mark as it is (diff mode has none).</summary>
    public SourceMark? Mark { get; init; }

    /// <summary>New content hashes of rows read, by key.</summary>
    public IReadOnlyDictionary<string, string> RowHashes { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The properties an enrich source's rows gave their profiles, by key, stored beside their hashes
    /// so a row that is deleted or vanishes takes back exactly those; a key of <see cref="RowHashes"/>
    /// missing here is stored without any (a primary row, a deleted enrich row).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> RowProperties { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string?>>();

    /// <summary>Keys whose rows vanished from the source (their hashes are forgotten).</summary>
    public IReadOnlyCollection<string> VanishedKeys { get; init; } = [];

    /// <summary>Profiles to write as they are now (insert or replace).</summary>
    public IReadOnlyCollection<StoredProfile> Profiles { get; init; } = [];

    /// <summary>(destination, profile key) pairs to enqueue; an existing row is replaced, which is the de-duplication.</summary>
    public IReadOnlyCollection<OutboxEntry> Outbox { get; init; } = [];
}
