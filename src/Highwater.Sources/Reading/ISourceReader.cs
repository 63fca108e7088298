using Highwater.Storage.Marks;

namespace Highwater.Sources.Reading;

/// <summary>Reads one source. Identifiers come from configuration and are validated and quoted; values are always parameters.</summary>
public interface ISourceReader : IAsyncDisposable
{
    /// <summary>The source read.</summary>
    SourceDefinition Definition { get; }

    /// <summary>
    /// Keyset read: up to <paramref name="pageSize"/> rows with (mark, key) &gt; <paramref name="after"/>
    /// (every row when null), ordered by mark then key. An empty key stands before every key, so
    /// (m, "") reads every row with mark ≥ m (where a look-back starts). Only for sources with a mark column.
    /// </summary>
    Task<IReadOnlyList<SourceRow>> ReadPageAsync(SourceMark? after, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// The source database's current time, in UTC as its timestamp marks are read; null when the
    /// source has no clock of its own (a SQLite or CSV file on this machine: the caller's clock is its clock).
    /// </summary>
    Task<DateTime?> ReadClockAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Rows the keyset never reads because their mark is NULL or cannot be read as a mark: how many,
    /// and the first <paramref name="sample"/> of their keys in key order. Only for sources with a mark column.
    /// </summary>
    Task<UnmarkedRows> FindUnmarkedAsync(int sample, CancellationToken cancellationToken);

    /// <summary>Diff mode: every row, streamed (never the whole table in memory).</summary>
    IAsyncEnumerable<SourceRow> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Checks the source is reachable and has the named columns; throws <see cref="SourceException"/> naming what is wrong.</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}
