using Highwater.Core.Budget;

namespace Highwater.Cli.Commands.Budget;

/// <summary>The limits of a service with no daily quota in the <c>--json</c> output: connections, windows (calls in seconds) and the call time assumed.</summary>
internal sealed record BudgetJsonLimits(int? Concurrency, IReadOnlyList<BudgetJsonWindow> Windows, double CallSeconds, double CallsPerSecond)
{
    public static BudgetJsonLimits From(ServiceLimits limits) => new(
        limits.Concurrency,
        [.. limits.Windows.Select(w => new BudgetJsonWindow(w.Calls, w.Per.TotalSeconds))],
        limits.CallTime.TotalSeconds,
        limits.CallsPerSecond);
}
