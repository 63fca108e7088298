using Highwater.Core.Budget;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Budget;

/// <summary>
/// <c>highwater budget</c>: the seed's batching math for one service and batch shape, under the
/// seed's algorithm and under Highwater's planner, as a table or as one JSON object.
/// </summary>
internal sealed class BudgetCommand(IAnsiConsole console) : Command<BudgetSettings>
{
    public override int Execute(CommandContext context, BudgetSettings settings, CancellationToken cancellationToken)
    {
        var input = settings.Read();
        BudgetReport report;
        try
        {
            report = input.Quota is { } quota
                ? BatchingMath.Compute(input.Capabilities, quota, input.Scenario, input.Reserve)
                : BatchingMath.Compute(input.Capabilities, input.Limits!, input.Scenario);
        }
        catch (ArgumentException e)
        {
            // The settings check what Core checks; should the two drift apart, the user still gets Core's words.
            throw new UsageException(WithoutParameter(e), e);
        }

        if (settings.Json)
        {
            BudgetJson.Write(console, report);
        }
        else
        {
            BudgetTable.Write(console, report);
        }

        return ExitCodes.Success;
    }

    /// <summary>The message as Core wrote it, without the " (Parameter 'x')" .NET appends.</summary>
    private static string WithoutParameter(ArgumentException e)
    {
        var suffix = $" (Parameter '{e.ParamName}')";
        return e.ParamName is not null && e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
    }
}
