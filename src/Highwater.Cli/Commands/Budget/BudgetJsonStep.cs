namespace Highwater.Cli.Commands.Budget;

/// <summary>One step in the <c>--json</c> output.</summary>
internal sealed record BudgetJsonStep(string Step, int Calls, int Requests);
