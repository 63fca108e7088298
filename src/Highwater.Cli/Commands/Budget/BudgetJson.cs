using System.Text.Json;
using System.Text.Json.Serialization;
using Highwater.Core.Budget;
using Spectre.Console;

namespace Highwater.Cli.Commands.Budget;

/// <summary>The <c>--json</c> output: exactly one JSON object, the report's figures unrounded; <c>quota</c> is null and <c>limits</c> given for a service with no daily quota.</summary>
internal sealed record BudgetJson(
    string Service,
    BudgetJsonQuota? Quota,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BudgetJsonLimits? Limits,
    double Reserve,
    double CallsPerMinute,
    BudgetJsonScenario Scenario,
    BudgetJsonColumn Seed,
    BudgetJsonColumn Highwater)
{
    public static BudgetJson From(BudgetReport report) => new(
        report.Service,
        report.Quota is { } quota ? new BudgetJsonQuota(quota.CallsPerDay, quota.Source) : null,
        report.Limits is { } limits ? BudgetJsonLimits.From(limits) : null,
        report.Reserve,
        report.CallsPerMinute,
        BudgetJsonScenario.From(report.Scenario),
        BudgetJsonColumn.From(report.Seed),
        BudgetJsonColumn.From(report.Highwater));

    /// <summary>Writes the report, bypassing the console's styling and wrapping so the text stays valid JSON.</summary>
    public static void Write(IAnsiConsole console, BudgetReport report) =>
        console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(From(report), BudgetJsonContext.Default.BudgetJson));
}
