using Highwater.Core.Budget;

namespace Highwater.Cli.Commands.Budget;

/// <summary>The batch shape in the <c>--json</c> output; the share lists as given (one value, or one per group).</summary>
internal sealed record BudgetJsonScenario(
    int Users,
    int Groups,
    double DeleteShare,
    double CreateShare,
    double KnownShare,
    IReadOnlyList<double> JoinShares,
    IReadOnlyList<double> LeaveShares)
{
    public static BudgetJsonScenario From(BudgetScenario scenario) => new(
        scenario.Users,
        scenario.Groups,
        scenario.DeleteShare,
        scenario.CreateShare,
        scenario.KnownShare,
        scenario.JoinShares,
        scenario.LeaveShares);
}
