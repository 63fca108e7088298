namespace Highwater.Core.Scheduling;

/// <summary>How the batch window is chosen.</summary>
public enum SchedulerMode
{
    /// <summary>From the forecast of the day: stretched when the quota would run out before it resets, shrunk when there is room.</summary>
    Adaptive,

    /// <summary>Always <see cref="SchedulerOptions.BatchWindow"/> and <see cref="SchedulerOptions.BatchSize"/>.</summary>
    Fixed,
}
