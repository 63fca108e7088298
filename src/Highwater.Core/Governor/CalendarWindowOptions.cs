namespace Highwater.Core.Governor;

/// <summary>The settings of a <see cref="CalendarWindow"/>, as configuration binds them.</summary>
public sealed class CalendarWindowOptions
{
    /// <summary>The window's name in its policy and the ledger; by default "day" or "hour".</summary>
    public string? Name { get; set; }

    /// <summary>Calls allowed in one period.</summary>
    public long Limit { get; set; }

    /// <summary>The period: a local day (the default) or a local hour.</summary>
    public CalendarPeriod Period { get; set; } = CalendarPeriod.Day;

    /// <summary>The IANA time zone whose midnight (or top of the hour) resets the window, such as America/Chicago.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The share of the limit left for other integrations; by default 20% for a day, none for an hour.</summary>
    public double? ReserveShare { get; set; }
}
