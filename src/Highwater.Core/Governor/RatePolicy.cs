namespace Highwater.Core.Governor;

/// <summary>
/// The quota of one service account: its windows (each with a reserve left for the account's other
/// integrations) and its concurrency limit. Immutable; built from validated, copied options.
/// </summary>
public sealed class RatePolicy
{
    /// <summary>Builds the policy.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names every problem at once.</exception>
    public RatePolicy(RatePolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Validate(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        Account = options.Account;
        Windows = [.. options.RollingWindows.Select(w => (RateWindow)new RollingWindow(w)), .. options.CalendarWindows.Select(w => new CalendarWindow(w))];
        ConcurrencyLimit = options.ConcurrencyLimit;
        ConcurrencyRecovery = options.ConcurrencyRecovery;
    }

    /// <summary>The service account the quota belongs to.</summary>
    public string Account { get; }

    /// <summary>Every window: the rolling ones first, then the calendar ones.</summary>
    public IReadOnlyList<RateWindow> Windows { get; }

    /// <summary>Calls in flight at once; null when unlimited.</summary>
    public int? ConcurrencyLimit { get; }

    /// <summary>How long a "too many concurrent calls" answer lowers the concurrency limit.</summary>
    public TimeSpan ConcurrencyRecovery { get; }

    /// <summary>The most calls one acquisition may ask for: the smallest window's usable share.</summary>
    public long MaxCallsPerAcquire => Windows.Min(w => w.Usable);

    /// <summary>The window named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The policy has no such window.</exception>
    public RateWindow GetWindow(string name) =>
        Windows.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentException($"account '{Account}' has no window '{name}'; it has {string.Join(", ", Windows.Select(w => w.Name))}", nameof(name));

    /// <summary>Every problem with <paramref name="options"/>, each naming its setting.</summary>
    public static IReadOnlyList<string> Validate(RatePolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Account))
        {
            problems.Add("account: must name the service account");
        }

        if (options.RollingWindows.Count + options.CalendarWindows.Count == 0)
        {
            problems.Add("windows: a policy needs at least one rolling or calendar window");
        }

        var names = new List<string>();
        for (var i = 0; i < options.RollingWindows.Count; i++)
        {
            var window = options.RollingWindows[i];
            problems.AddRange(RollingWindow.Validate(window, $"rollingWindows[{i}]"));
            names.Add(window.Name ?? RollingWindow.DefaultName(window.Length));
        }

        for (var i = 0; i < options.CalendarWindows.Count; i++)
        {
            var window = options.CalendarWindows[i];
            problems.AddRange(CalendarWindow.Validate(window, $"calendarWindows[{i}]"));
            names.Add(window.Name ?? CalendarWindow.DefaultName(window.Period));
        }

        foreach (var name in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"windows: two windows are named '{name}'; give each a distinct name");
        }

        if (options.ConcurrencyLimit is < 1)
        {
            problems.Add($"concurrencyLimit: must be at least 1, or unset for none (was {options.ConcurrencyLimit})");
        }

        if (options.ConcurrencyRecovery <= TimeSpan.Zero)
        {
            problems.Add($"concurrencyRecovery: must be longer than zero (was {options.ConcurrencyRecovery})");
        }

        return problems;
    }
}
