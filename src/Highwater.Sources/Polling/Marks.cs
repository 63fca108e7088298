using System.Globalization;
using Highwater.Sources.Reading;
using Highwater.Storage.Marks;

namespace Highwater.Sources.Polling;

/// <summary>Mark arithmetic: order, and the look-back start.</summary>
internal static class Marks
{
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    /// <summary>The later of two marks (by mark, then key).</summary>
    public static SourceMark? Max(SourceMark? a, SourceMark? b, MarkKind kind)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        var byMark = CompareMarks(a.Mark, b.Mark, kind);
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
            MarkKind.Timestamp => new SourceMark(
                (ParseInstant(stored.Mark) - ParseDuration(lookBack)).UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture), ""),
            _ => new SourceMark(
                (long.Parse(stored.Mark, CultureInfo.InvariantCulture) - long.Parse(lookBack, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture), ""),
        };
    }

    /// <summary>Reads a look-back duration: "90s", "5m", "2h", "1d", or a TimeSpan ("00:05:00").</summary>
    public static TimeSpan ParseDuration(string text)
    {
        text = text.Trim();
        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)
            ? span
            : throw new FormatException($"'{text}' is not a duration (use 90s, 5m, 2h, 1d or hh:mm:ss)");
    }

    private static int CompareMarks(string a, string b, MarkKind kind) => kind switch
    {
        MarkKind.Timestamp => ParseInstant(a).CompareTo(ParseInstant(b)),
        _ => long.Parse(a, CultureInfo.InvariantCulture).CompareTo(long.Parse(b, CultureInfo.InvariantCulture)),
    };

    private static int CompareKeys(string a, string b) =>
        long.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x) && long.TryParse(b, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b);

    private static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
