using System.Globalization;
using System.Text;

namespace Highwater.Cli.Commands.Shared;

/// <summary>Numbers, times and durations written for a person: invariant culture, thousands separated, ages rounded.</summary>
internal static class Figures
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"9,870".</summary>
    public static string Count(long n) => n.ToString("N0", Invariant);

    /// <summary>"2.3".</summary>
    public static string Decimal(double value, string format = "0.#") => value.ToString(format, Invariant);

    /// <summary>"2026-03-02 09:00:00Z".</summary>
    public static string Time(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", Invariant);

    /// <summary>The instant on a zone's clock: "00:00 America/Chicago" today, with the date when it is another day there.</summary>
    public static string Local(DateTimeOffset instant, TimeZoneInfo zone, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone);
        var format = local.Date == today.Date ? "HH:mm" : "yyyy-MM-dd HH:mm";
        return $"{local.ToString(format, Invariant)} {zone.Id}";
    }

    /// <summary>"3h 12m", "45s", "2d 4h": the two largest units.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        var parts = new List<string>();
        void Add(long amount, string unit)
        {
            if (amount > 0 || (parts.Count == 0 && unit == "s"))
            {
                parts.Add(string.Create(Invariant, $"{amount}{unit}"));
            }
        }

        Add((long)span.TotalDays, "d");
        Add(span.Hours, "h");
        Add(span.Minutes, "m");
        Add(span.Seconds, "s");
        var text = new StringBuilder();
        foreach (var part in parts.Take(2))
        {
            text.Append(text.Length == 0 ? "" : " ").Append(part);
        }

        return text.ToString();
    }

    /// <summary>"3h 12m ago".</summary>
    public static string Ago(DateTimeOffset instant, DateTimeOffset now) => $"{Duration(now - instant)} ago";
}
