namespace Highwater.Core.Scheduling;

/// <summary>The settings of one destination's <see cref="BatchScheduler"/>, as configuration binds them.</summary>
public sealed class SchedulerOptions
{
    /// <summary>Adaptive (the default) or fixed.</summary>
    public SchedulerMode Mode { get; set; } = SchedulerMode.Adaptive;

    /// <summary>How long the oldest waiting change may wait before its batch goes: the fixed window, and where the adaptive one starts.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The shortest window the adaptive mode shrinks to when the quota has room. A service with no daily quota starts at, and shrinks to, its longest rate window when that is shorter (Mailchimp: 1 s).</summary>
    public TimeSpan MinWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest window the adaptive mode stretches to when the quota is short.</summary>
    public TimeSpan MaxWindow { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Rows of a full batch at <see cref="BatchWindow"/>: a full batch goes without waiting for the window.</summary>
    public int BatchSize { get; set; } = 1_000;

    /// <summary>The most rows one batch carries: a stretched window's full batch grows with it up to this, and a backfill batch is this big. With no daily quota (adaptive mode), a flush takes every live row waiting up to this.</summary>
    public int MaxBatchSize { get; set; } = 5_000;

    /// <summary>How fast the observed change rate forgets: a change this old weighs half as much as one arriving now.</summary>
    public TimeSpan RateHalfLife { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The last stretch before the daily quota resets in which the adaptive window aims to spend what
    /// is left, since calls not spent by the reset are lost: it shrinks unless the forecast need comes
    /// within a tenth of what is left, and stretches only when the need would pass it. Zero turns it off.
    /// </summary>
    public TimeSpan SpendTheRestWithin { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The share of the live forecast kept on top of it before a backfill may spend (0.25: backfill uses only what is left beyond 125% of the live need).</summary>
    public double BackfillMargin { get; set; } = 0.25;
}
