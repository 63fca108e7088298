namespace Highwater.Cli.Commands.Budget;

/// <summary>
/// One step in the <c>--json</c> output. <c>requests</c> are the calls the quota counts (HTTP
/// requests); <c>operations</c> what the step does in them (a Pardot import job is one operation of
/// 5 calls); <c>calls</c> is the operations' count under its first name, kept for readers of it.
/// </summary>
internal sealed record BudgetJsonStep(string Step, int Calls, int Requests)
{
    /// <summary>The step's operations: <see cref="Calls"/> by the name the text uses.</summary>
    public int Operations => Calls;
}
