using System.Globalization;
using Highwater.Sources.Reading;
using Highwater.Sources.Reading.Values;
using Highwater.Storage.Marks;

namespace Highwater.Sources.Polling;

/// <summary>Marks as people write and read them: <c>highwater marks reset users --to 2026-12-01</c>, and marks in reports.</summary>
public static class MarkFormat
{
    /// <summary>
    /// Reads a mark given by hand as a keyset position at the start of that mark: the next poll reads
    /// every row whose mark is at or after it. Null with a problem when it is not a mark of <paramref name="kind"/>.
    /// </summary>
    public static SourceMark? Parse(string text, MarkKind kind, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        if (kind == MarkKind.Timestamp)
        {
            if (TimestampText.TryParse(text, out var utc))
            {
                return new SourceMark(TimestampText.From(utc), "");
            }

            problem = $"'{text}' is not a timestamp: give ISO 8601, like 2026-12-01 or 2026-12-01T09:30:00Z (UTC unless an offset is given)";
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return new SourceMark(value.ToString(CultureInfo.InvariantCulture), "");
        }

        problem = $"'{text}' is not a whole number (the source's mark is an integer)";
        return null;
    }

    /// <summary>A mark as people write it: a timestamp without a fraction of a second when it has none; an integer as it is.</summary>
    public static string Display(string mark) =>
        TimestampText.TryParse(mark, out var utc)
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : mark;
}
