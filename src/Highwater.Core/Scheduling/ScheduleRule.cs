namespace Highwater.Core.Scheduling;

/// <summary>The rule behind a scheduler's answer.</summary>
public enum ScheduleRule
{
    /// <summary>Nothing waits in the lane.</summary>
    NothingWaiting,

    /// <summary>Less than a full batch waits and the oldest change has not waited the window yet.</summary>
    WindowOpen,

    /// <summary>Flush: a full batch waits.</summary>
    FullBatch,

    /// <summary>Flush: the oldest waiting change has waited the window in force.</summary>
    WindowElapsed,

    /// <summary>The quota would run out before it resets even at the longest window: batches are spaced so the rest lasts until the reset.</summary>
    Pacing,

    /// <summary>A backfill batch would eat into what the live changes are forecast to need until the reset.</summary>
    BackfillBudget,

    /// <summary>The governor cannot pay for the batch's calls now (a window, the concurrency limit, or the service said wait).</summary>
    Governor,

    /// <summary>The batch's plan costs more calls than the governor's smallest window allows at once: split it.</summary>
    BatchTooLarge,

    /// <summary>The governor paid for the batch's calls: start it.</summary>
    Paid,

    /// <summary>The batch may start and pays its calls one by one as it makes them (<see cref="BatchScheduler.AdmitAsync"/>).</summary>
    Admitted,
}
