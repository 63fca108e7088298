using System.Globalization;
using Highwater.Sources.Reading;
using Highwater.Sources.Reading.Values;
using Highwater.Storage.Marks;

namespace Highwater.Sources.Polling;

/// <summary>Mark arithmetic: order, and the look-back start.</summary>
internal static class Marks
{
    /// <summary>The later of two marks (by mark, then key).</summary>
    public static SourceMark? Max(SourceMark? a, SourceMark? b, MarkKind kind)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        var byMark = kind == MarkKind.Timestamp
            ? MarkText.ParseTimestamp(a.Mark).CompareTo(MarkText.ParseTimestamp(b.Mark))
            : MarkText.ParseInteger(a.Mark).CompareTo(MarkText.ParseInteger(b.Mark));
        if (byMark != 0)
        {
            return byMark > 0 ? a : b;
        }

        return CompareKeys(a.Key, b.Key) >= 0 ? a : b;
    }

    /// <summary>Where a poll starts: the stored mark, moved back by the look-back window.</summary>
    public static SourceMark? Start(SourceMark? stored, MarkKind kind, string? lookBack)
    {
        if (stored is null || string.IsNullOrWhiteSpace(lookBack))
        {
            return stored;
        }

        // An empty key sorts before every key sharing that mark, so the window is re-read whole.
        return kind switch
        {
            MarkKind.Timestamp => new SourceMark(TimestampText.From(MarkText.ParseTimestamp(stored.Mark) - DurationText.Parse(lookBack)), ""),
            _ => new SourceMark((MarkText.ParseInteger(stored.Mark) - long.Parse(lookBack, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture), ""),
        };
    }

    private static int CompareKeys(string a, string b) =>
        long.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x) && long.TryParse(b, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b);
}
