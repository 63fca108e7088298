namespace Highwater.Cli.Commands.Budget;

/// <summary>The quota in the <c>--json</c> output; <c>source</c> is "set with --quota" when the user set it.</summary>
internal sealed record BudgetJsonQuota(int CallsPerDay, string Source);
