namespace Highwater.Cli.Commands.Budget;

/// <summary>One rate window in the <c>--json</c> output: at most <c>calls</c> in any <c>seconds</c>.</summary>
internal sealed record BudgetJsonWindow(long Calls, double Seconds);
