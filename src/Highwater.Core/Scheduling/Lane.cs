namespace Highwater.Core.Scheduling;

/// <summary>Which queue of a destination a batch comes from.</summary>
public enum Lane
{
    /// <summary>Day-to-day changes: they come first and set the pace.</summary>
    Live = 0,

    /// <summary>Initial loads and full resyncs: they spend only what the live changes leave.</summary>
    Backfill = 1,
}
