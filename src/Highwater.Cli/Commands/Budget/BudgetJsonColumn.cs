using System.Text.Json.Serialization;
using Highwater.Core.Budget;

namespace Highwater.Cli.Commands.Budget;

/// <summary>One way of carrying the batch in the <c>--json</c> output.</summary>
internal sealed record BudgetJsonColumn(
    IReadOnlyList<BudgetJsonStep> Steps,
    int Requests,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? SecondsPerBatch,
    double BatchesPerMinute,
    double UsersPerMinute,
    double BatchesPerDay,
    double UsersPerDay)
{
    public static BudgetJsonColumn From(CostColumn column) => new(
        [.. column.Steps.Select(s => new BudgetJsonStep(s.Step, s.Calls, s.Requests))],
        column.Requests,
        column.SecondsPerBatch,
        column.BatchesPerMinute,
        column.UsersPerMinute,
        column.BatchesPerDay,
        column.UsersPerDay);
}
