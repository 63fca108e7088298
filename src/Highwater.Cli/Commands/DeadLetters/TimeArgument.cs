using System.Globalization;
using System.Text.RegularExpressions;
using Highwater.Sources.Reading.Values;

namespace Highwater.Cli.Commands.DeadLetters;

/// <summary>
/// A time on the command line: ISO 8601 (<c>2026-03-02</c>, <c>2026-03-02T09:00:00Z</c>; UTC unless
/// it names an offset) or a duration ago (<c>90s</c>, <c>30m</c>, <c>2h</c>, <c>7d</c>).
/// </summary>
internal static partial class TimeArgument
{
    /// <summary>Reads <paramref name="text"/>, relative to <paramref name="now"/>; null with <paramref name="problem"/> saying why when it is no time.</summary>
    public static DateTimeOffset? Parse(string option, string text, DateTimeOffset now, out string? problem)
    {
        problem = null;
        var trimmed = text.Trim();
        if (Relative().IsMatch(trimmed))
        {
            try
            {
                if (DurationText.TryParse(trimmed, out var ago))
                {
                    return now - ago;
                }
            }
            catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
            {
                problem = $"{option}: '{text}' is too long ago";
                return null;
            }
        }

        if (Iso().IsMatch(trimmed)
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        problem = $"{option}: '{text}' is not a time: give an ISO 8601 time (2026-03-02, 2026-03-02T09:00:00Z) or how long ago (90s, 30m, 2h, 7d)";
        return null;
    }

    [GeneratedRegex(@"^\d+(\.\d+)?[smhd]$", RegexOptions.CultureInvariant)]
    private static partial Regex Relative();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ].*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();
}
