namespace Highwater.Core.Governor;

/// <summary>Turns a time zone's wall-clock times into instants, across daylight-saving changes.</summary>
internal static class ZoneClock
{
    /// <summary>
    /// The first instant at which <paramref name="zone"/>'s clock reads <paramref name="wallClock"/>
    /// or later: the instant itself when that time happens once, its earlier occurrence when a
    /// fall-back repeats it, and the end of the gap when a spring-forward skips it.
    /// </summary>
    public static DateTimeOffset FirstInstantAtOrAfter(TimeZoneInfo zone, DateTime wallClock)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max()).ToUniversalTime();
        }

        if (!zone.IsInvalidTime(local))
        {
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }

        // Skipped by a spring-forward: the gap ends at the transition, which lies between the
        // instants the wall-clock time names under the offsets before and after it.
        var before = zone.GetUtcOffset(local.AddDays(-1));
        var after = zone.GetUtcOffset(local.AddDays(1));
        var low = local.Ticks - (after > before ? after : TimeSpan.FromHours(15)).Ticks;
        var high = local.Ticks - (after > before ? before : TimeSpan.FromHours(-15)).Ticks;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (LocalTicks(zone, middle) >= local.Ticks)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return new DateTimeOffset(low, TimeSpan.Zero);
    }

    private static long LocalTicks(TimeZoneInfo zone, long utcTicks) =>
        TimeZoneInfo.ConvertTimeFromUtc(new DateTime(utcTicks, DateTimeKind.Utc), zone).Ticks;
}
