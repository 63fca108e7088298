namespace Highwater.Core.Governor;

/// <summary>The length of a <see cref="CalendarWindow"/> on the local clock.</summary>
public enum CalendarPeriod
{
    /// <summary>From one local midnight to the next (23 or 25 hours on daylight-saving days).</summary>
    Day,

    /// <summary>From one local top of the hour to the next.</summary>
    Hour,
}
