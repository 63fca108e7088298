using Highwater.Sources.Reading;
using Highwater.Storage.Marks;

namespace Highwater.Sources.Polling;

/// <summary>
/// A page of a source made ready before the buffer sees it: the last row of each key (within one
/// page the last row of a key wins) and each one's content hash, or keys that vanished from a
/// diff-mode source. Pure work, so the poller does it on the reading thread.
/// </summary>
internal sealed class ReadPage
{
    private ReadPage(Dictionary<string, SourceRow> latest, Dictionary<string, string> hashes, int rowsRead, SourceMark? end, IReadOnlyCollection<string> vanished)
    {
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

    /// <summary>The keyset position of the page's last row (mark mode).</summary>
    public SourceMark? End { get; }

    public IReadOnlyCollection<string> Vanished { get; }

    public static ReadPage Read(IReadOnlyList<SourceRow> rows, SourceMark? end)
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

        return new ReadPage(latest, hashes, rows.Count, end, []);
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
