using System.Globalization;

namespace Highwater.Sources.Reading.Values;

/// <summary>Durations as configuration writes them: "90s", "5m", "2h", "1d", or a TimeSpan ("00:05:00").</summary>
public static class DurationText
{
    /// <summary>Reads a duration that is not negative; false when the text is none.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            value = Parse(text);
            return value >= TimeSpan.Zero;
        }
        catch (FormatException)
        {
            value = default;
            return false;
        }
    }

    /// <summary>Reads a duration.</summary>
    /// <exception cref="FormatException">The text is not a duration.</exception>
    public static TimeSpan Parse(string text)
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
}
