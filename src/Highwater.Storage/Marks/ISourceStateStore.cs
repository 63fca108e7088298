namespace Highwater.Storage.Marks;

/// <summary>Source marks and per-row content hashes.</summary>
public interface ISourceStateStore
{
    /// <summary>The source's state, or null when it was never polled.</summary>
    Task<SourceState?> GetAsync(string source, CancellationToken cancellationToken);

    /// <summary>
    /// What a poll of the source starts from. Unlike <see cref="GetAsync"/> it counts no rows, so it
    /// costs the same for a source of ten rows as for one of ten million: every poll asks it.
    /// </summary>
    Task<SourcePollStart> GetPollStartAsync(string source, CancellationToken cancellationToken);

    /// <summary>Every source's state.</summary>
    Task<IReadOnlyList<SourceState>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The stored content hash of each of these rows that has one.</summary>
    Task<IReadOnlyDictionary<string, string>> GetRowHashesAsync(string source, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the source's mark (null: back to the start, so the next poll reads every row). Row
    /// hashes stay, so rows re-read unchanged cost nothing. A source never polled gets a row.
    /// </summary>
    Task SetMarkAsync(string source, SourceMark? mark, CancellationToken cancellationToken);

    /// <summary>Records what the last poll could not place by its mark (null or clean: nothing).</summary>
    Task SetHealthAsync(string source, MarkHealth? health, CancellationToken cancellationToken);

    /// <summary>Every key the source has a hash for, in ordinal order, in pages (diff mode finds vanished keys with it).</summary>
    IAsyncEnumerable<string> ListKeysAsync(string source, CancellationToken cancellationToken);
}
