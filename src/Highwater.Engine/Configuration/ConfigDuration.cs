using System.Globalization;

namespace Highwater.Engine.Configuration;

/// <summary>
/// Durations as the file writes them: a number and a unit (<c>90s</c>, <c>15m</c>, <c>2h</c>,
/// <c>1d</c>) or <c>hh:mm:ss</c>. A bare number is refused rather than guessed (.NET would read
/// <c>1</c> as one day), and a number too large for a <see cref="TimeSpan"/> is out of range, not
/// an overflow.
/// </summary>
internal static class ConfigDuration
{
    public enum Outcome
    {
        Read,
        NoUnit,
        NotADuration,
        OutOfRange,
    }

    public static Outcome Read(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return Outcome.NoUnit;
        }

        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && Unit(text[^1]) is { } unit)
        {
            var seconds = amount * unit.TotalSeconds;
            if (double.IsNaN(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
            {
                return Outcome.OutOfRange;
            }

            value = TimeSpan.FromSeconds(seconds);
            return Outcome.Read;
        }

        if (text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value))
        {
            return value < TimeSpan.Zero ? Outcome.OutOfRange : Outcome.Read;
        }

        return Outcome.NotADuration;
    }

    /// <summary><c>90s</c>, <c>15m</c>, <c>2h</c>, <c>1d</c>: the shortest whole form.</summary>
    public static string Format(TimeSpan value) =>
        value.TotalDays >= 1 && value.TotalDays == Math.Floor(value.TotalDays) ? $"{value.TotalDays:0}d"
        : value.TotalHours >= 1 && value.TotalHours == Math.Floor(value.TotalHours) ? $"{value.TotalHours:0}h"
        : value.TotalMinutes >= 1 && value.TotalMinutes == Math.Floor(value.TotalMinutes) ? $"{value.TotalMinutes:0}m"
        : $"{value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s";

    private static TimeSpan? Unit(char unit) => unit switch
    {
        's' => TimeSpan.FromSeconds(1),
        'm' => TimeSpan.FromMinutes(1),
        'h' => TimeSpan.FromHours(1),
        'd' => TimeSpan.FromDays(1),
        _ => null,
    };
}
