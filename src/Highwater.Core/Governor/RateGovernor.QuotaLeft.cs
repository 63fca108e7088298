namespace Highwater.Core.Governor;

public sealed partial class RateGovernor
{
    /// <summary>
    /// The share (0..1) of the day's usable quota not yet spent, by what this process knows (the
    /// ledger's last word, refreshed as calls are reserved); 1 when the policy has no day-long
    /// calendar window. Cheap and synchronous: the planner reads it once a batch.
    /// </summary>
    public double DayQuotaLeft()
    {
        var now = _time.GetUtcNow();
        var left = 1.0;
        foreach (var counter in _counters)
        {
            if (counter.DayShareLeft(now) is { } share)
            {
                left = Math.Min(left, share);
            }
        }

        return left;
    }
}
