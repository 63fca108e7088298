using Highwater.Sources.Reading;
using Highwater.Sources.Reading.Values;
using Highwater.Storage.Marks;

namespace Highwater.Sources.Polling;

/// <summary>
/// A page of a source made ready before the buffer sees it: the last row of each key (within one
/// page the last row of a key wins) and each one's content hash, or keys that vanished from a
/// diff-mode source. Pure work, so the poller does it on the reading thread.
/// </summary>
internal sealed class ReadPage
{
    private ReadPage(Dictionary<string, SourceRow> latest, Dictionary<string, string> hashes, int rowsRead, SourceMark? end, IReadOnlyCollection<string> vanished, IReadOnlyList<SourceRow>? ahead = null)
    {
        Ahead = ahead ?? [];
        Latest = latest;
        Hashes = hashes;
        RowsRead = rowsRead;
        End = end;
        Vanished = vanished;
    }

    /// <summary>The row to store per key, in the order keys were first read.</summary>
    public Dictionary<string, SourceRow> Latest { get; }

    /// <summary>The content hash of each row read (none for vanished keys: they were not read).</summary>
    public Dictionary<string, string> Hashes { get; }

    public int RowsRead { get; }

    /// <summary>
    /// The keyset position of the page's last row whose mark is not ahead of the source's clock
    /// (mark mode): where the mark may move. Null when every row is ahead.
    /// </summary>
    public SourceMark? End { get; }

    /// <summary>The page's rows whose mark is ahead of the source's clock, in mark order: read, but the mark does not move to them.</summary>
    public IReadOnlyList<SourceRow> Ahead { get; }

    public IReadOnlyCollection<string> Vanished { get; }

    /// <summary>A page of a diff-mode read.</summary>
    public static ReadPage Read(IReadOnlyList<SourceRow> rows) => Read(rows, null, []);

    /// <summary>
    /// A keyset page, in (mark, key) order. With a <paramref name="limit"/> (timestamp marks), rows
    /// whose mark is later are ahead of the clock: they are the page's tail, since rows come in mark order.
    /// </summary>
    public static ReadPage ReadMarked(IReadOnlyList<SourceRow> rows, DateTime? limit)
    {
        var firstAhead = rows.Count;
        if (limit is { } latest)
        {
            // From the end: usually the last row is not ahead and one parse settles it.
            while (firstAhead > 0 && MarkText.ParseTimestamp(rows[firstAhead - 1].Mark!) > latest)
            {
                firstAhead--;
            }
        }

        var end = firstAhead == 0 ? null : new SourceMark(rows[firstAhead - 1].Mark!, rows[firstAhead - 1].Key);
        IReadOnlyList<SourceRow> ahead = firstAhead == rows.Count ? [] : rows.Skip(firstAhead).ToList();
        return Read(rows, end, ahead);
    }

    private static ReadPage Read(IReadOnlyList<SourceRow> rows, SourceMark? end, IReadOnlyList<SourceRow> ahead)
    {
        var latest = new Dictionary<string, SourceRow>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            latest[row.Key] = row;
        }

        var hashes = new Dictionary<string, string>(latest.Count, StringComparer.Ordinal);
        foreach (var (key, row) in latest)
        {
            hashes[key] = RowHash.Of(row);
        }

        return new ReadPage(latest, hashes, rows.Count, end, [], ahead);
    }

    public static ReadPage OfVanished(IReadOnlyList<string> keys)
    {
        var latest = new Dictionary<string, SourceRow>(keys.Count, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            latest[key] = new SourceRow(key, null, new Dictionary<string, string?>(), Deleted: true);
        }

        return new ReadPage(latest, [], 0, null, keys);
    }
}
