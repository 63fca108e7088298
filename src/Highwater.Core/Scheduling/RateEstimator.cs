namespace Highwater.Core.Scheduling;

/// <summary>
/// An exponentially weighted rate of arrivals: each arrival weighs e^(−age/τ), and the sum is divided
/// by the weight the elapsed time could hold, so the estimate is unbiased from the first minutes
/// (a plain average until the half-life has passed, then a moving one).
/// </summary>
internal sealed class RateEstimator(TimeSpan halfLife, DateTimeOffset start, TimeSpan warmUp)
{
    private readonly double _tau = halfLife.TotalSeconds / Math.Log(2);
    private DateTimeOffset _start = start;
    private DateTimeOffset _at = start;
    private double _mass;

    public void Add(DateTimeOffset now, double count)
    {
        Decay(now);
        _mass += count;
    }

    /// <summary>
    /// Adds <paramref name="count"/> arrivals spread evenly over [<paramref name="since"/>, <paramref name="now"/>]
    /// (what a poll found since the source's last poll): each weighs what it would have had it been
    /// added when it came, and an estimate younger than the span starts at its beginning, so the
    /// rate reads count / span, not count at once.
    /// </summary>
    public void Add(DateTimeOffset since, DateTimeOffset now, double count)
    {
        var span = (now - since).TotalSeconds;
        if (span <= 0)
        {
            Add(now, count);
            return;
        }

        Decay(now);
        if (since < _start)
        {
            _start = since;
        }

        _mass += count * _tau * (1 - Math.Exp(-span / _tau)) / span;
    }

    /// <summary>Arrivals a second; the elapsed time counts as at least the warm-up, so a first arrival does not read as a flood.</summary>
    public double PerSecond(DateTimeOffset now)
    {
        Decay(now);
        var elapsed = Math.Max((now - _start).TotalSeconds, warmUp.TotalSeconds);
        return elapsed <= 0 ? 0 : _mass / (_tau * (1 - Math.Exp(-elapsed / _tau)));
    }

    private void Decay(DateTimeOffset now)
    {
        var seconds = (now - _at).TotalSeconds;
        if (seconds > 0)
        {
            _mass *= Math.Exp(-seconds / _tau);
            _at = now;
        }
    }
}
