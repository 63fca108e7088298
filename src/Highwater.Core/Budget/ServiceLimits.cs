using Highwater.Core.Governor;

namespace Highwater.Core.Budget;

/// <summary>
/// A service's limits other than a daily quota (its connections and rate windows) and how long one
/// call takes: what the budget times a batch with when the service has no daily quota to share out.
/// </summary>
public sealed record ServiceLimits
{
    /// <summary>Calls in flight at once; null for no limit.</summary>
    public int? Concurrency { get; init; }

    /// <summary>The rate windows shorter than a day.</summary>
    public IReadOnlyList<RateLimit> Windows { get; init; } = [];

    /// <summary>How long one call takes, as assumed.</summary>
    public required TimeSpan CallTime { get; init; }

    /// <summary>The most calls a second the limits let through: the connections at <see cref="CallTime"/> a call, or the tightest window.</summary>
    public double CallsPerSecond =>
        Windows.Select(w => w.Calls / w.Per.TotalSeconds)
            .Append(Concurrency is { } most ? most / CallTime.TotalSeconds : double.PositiveInfinity)
            .Min();

    /// <summary>The limits of a rate policy other than its day-long windows.</summary>
    public static ServiceLimits Of(RatePolicy policy, TimeSpan callTime)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new ServiceLimits
        {
            Concurrency = policy.ConcurrencyLimit,
            Windows = [.. policy.Windows.Where(w => !w.IsDayLong).Select(w => new RateLimit(w.Limit, w.NominalLength))],
            CallTime = callTime,
        };
    }

    /// <summary>
    /// Seconds a step of <paramref name="operations"/> operations in <paramref name="calls"/> calls
    /// takes at the limits: the operations as many at once as the connections allow, the calls of one
    /// operation one after another (a Batch Operation submits, polls, then reads its results), each
    /// <see cref="CallTime"/>, and no window's calls before it has room.
    /// </summary>
    internal double SecondsFor(int operations, int calls)
    {
        if (calls <= 0)
        {
            return 0;
        }

        var call = CallTime.TotalSeconds;
        var each = Math.Ceiling(calls / (double)Math.Max(1, operations));
        var rounds = Concurrency is { } most ? Math.Ceiling(Math.Max(1, operations) / (double)most) : 1;
        var byWindows = Windows.Select(w => ((Math.Ceiling(calls / (double)w.Calls) - 1) * w.Per.TotalSeconds) + call).DefaultIfEmpty(call).Max();
        return Math.Max(rounds * each * call, byWindows);
    }
}
