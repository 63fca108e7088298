using System.Globalization;

namespace Highwater.Core.Text;

/// <summary>
/// A duration as a person reads it, the one form every log line and summary uses: <c>596 ms</c>,
/// <c>4.8 s</c>, <c>45 s</c>, <c>1m 05s</c>, <c>2h 05m</c>, <c>3d 04h</c> (never
/// <c>00:00:00.5960111</c>).
/// </summary>
public static class DurationText
{
    /// <summary>Formats <paramref name="span"/> in its two largest units (a negative span reads as its length, signed).</summary>
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            return "-" + Format(span.Duration());
        }

        var invariant = CultureInfo.InvariantCulture;
        var milliseconds = (long)Math.Round(span.TotalMilliseconds, MidpointRounding.AwayFromZero);
        if (milliseconds < 1000)
        {
            return string.Create(invariant, $"{milliseconds} ms");
        }

        if (span < TimeSpan.FromSeconds(10))
        {
            return string.Create(invariant, $"{span.TotalSeconds:0.0} s");
        }

        if (span < TimeSpan.FromMinutes(1))
        {
            return string.Create(invariant, $"{(long)span.TotalSeconds} s");
        }

        return span < TimeSpan.FromHours(1) ? string.Create(invariant, $"{span.Minutes}m {span.Seconds:00}s")
            : span < TimeSpan.FromDays(1) ? string.Create(invariant, $"{span.Hours}h {span.Minutes:00}m")
            : string.Create(invariant, $"{(long)span.TotalDays}d {span.Hours:00}h");
    }
}
