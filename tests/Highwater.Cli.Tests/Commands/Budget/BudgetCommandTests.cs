using System.Globalization;
using System.Text.Json;
using Highwater.Connectors;
using Highwater.Connectors.Marketo;
using Spectre.Console;

namespace Highwater.Cli.Tests.Commands.Budget;

public sealed class BudgetCommandTests
{
    private const double MinutesPerDay = 1440;
    private const int MarketoQuota = 50_000;
    private const int MarketoBatch = 300;

    private static readonly string[] SecondExample =
    [
        "budget", "--service", "marketo", "--users", "1000", "--groups", "5", "--delete-share", "0.1", "--create-share", "0.45",
        "--join-shares", "0.5,0.5,0.5,0.2,0.2", "--leave-shares", "0.05",
    ];

    [Fact]
    public void Budget_SeedFirstExample_Prints14Calls()
    {
        var result = HighwaterCli.Run("budget", "--service", "marketo", "--users", "300", "--groups", "5");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Errors);

        // The seed: one lookup, delete, update and create of at most 300 each, then one add and one remove per group.
        var seedCalls = 1 + 1 + 1 + 1 + 5 + 5;
        Assert.Equal(14, seedCalls);
        Assert.Equal(Count(seedCalls), result.Row("total")[1]);
        Assert.Equal(Rate(MarketoQuota / MinutesPerDay / seedCalls), result.Row("batches/minute")[1]);
        Assert.Equal(Rate(MarketoQuota / MinutesPerDay / seedCalls * 300), result.Row("users/minute")[1]);
        Assert.Equal(Rate(MarketoQuota / (double)seedCalls), result.Row("batches/day")[1]);
        Assert.Equal(Rate(MarketoQuota / (double)seedCalls * 300), result.Row("users/day")[1]);
        Assert.True(int.Parse(result.Row("total")[2], CultureInfo.InvariantCulture) < seedCalls, result.Output);
    }

    [Fact]
    public void Budget_SeedFirstExample_HeaderNamesServiceShapeAndQuota()
    {
        var result = HighwaterCli.Run("budget", "--service", "marketo");

        Assert.StartsWith("marketo: batches of 300 users in 5 groups; 10% deleted, 30% new", result.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal(
            $"Quota: 50,000 calls a day, resetting at midnight US Central; {Rate(MarketoQuota / MinutesPerDay)} calls a minute on average",
            result.OutputLines[1]);
        Assert.StartsWith("Highwater's plan is ", result.OutputLines[^1], StringComparison.Ordinal);
        Assert.Contains("cheaper than the seed's", result.OutputLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_SeedFirstExample_JsonCarriesTheFigures()
    {
        var json = HighwaterCli.Run("budget", "--service", "marketo", "--users", "300", "--groups", "5", "--json").Json();

        Assert.Equal("marketo", json.GetProperty("service").GetString());
        Assert.Equal(MarketoQuota, json.GetProperty("quota").GetProperty("callsPerDay").GetInt32());
        Assert.Equal(MarketoService.Quota.Source, json.GetProperty("quota").GetProperty("source").GetString());
        Assert.Equal(0, json.GetProperty("reserve").GetDouble());
        Assert.Equal(MarketoQuota / MinutesPerDay, json.GetProperty("callsPerMinute").GetDouble(), 9);

        var scenario = json.GetProperty("scenario");
        Assert.Equal(300, scenario.GetProperty("users").GetInt32());
        Assert.Equal(5, scenario.GetProperty("groups").GetInt32());
        Assert.Equal(0.1, scenario.GetProperty("deleteShare").GetDouble());
        Assert.Equal(0.3, scenario.GetProperty("createShare").GetDouble());
        Assert.Equal(0.8, scenario.GetProperty("knownShare").GetDouble());
        Assert.Equal([0.2], Doubles(scenario.GetProperty("joinShares")));
        Assert.Equal([0.05], Doubles(scenario.GetProperty("leaveShares")));

        var seed = json.GetProperty("seed");
        Assert.Equal(14, seed.GetProperty("requests").GetInt32());
        Assert.Equal(14, seed.GetProperty("steps").EnumerateArray().Sum(s => s.GetProperty("calls").GetInt32()));
        Assert.Equal(MarketoQuota / MinutesPerDay / 14, seed.GetProperty("batchesPerMinute").GetDouble(), 9);
        Assert.Equal(MarketoQuota / MinutesPerDay / 14 * 300, seed.GetProperty("usersPerMinute").GetDouble(), 9);
        Assert.Equal(MarketoQuota / 14.0, seed.GetProperty("batchesPerDay").GetDouble(), 9);
        Assert.Equal(MarketoQuota / 14.0 * 300, seed.GetProperty("usersPerDay").GetDouble(), 9);

        var highwater = json.GetProperty("highwater");
        var requests = highwater.GetProperty("requests").GetInt32();
        Assert.True(requests < 14);
        Assert.Equal(requests, highwater.GetProperty("steps").EnumerateArray().Sum(s => s.GetProperty("requests").GetInt32()));
        Assert.Equal(MarketoQuota / MinutesPerDay / requests, highwater.GetProperty("batchesPerMinute").GetDouble(), 9);
    }

    [Fact]
    public void Budget_SeedSecondExample_Prints22Calls()
    {
        var result = HighwaterCli.Run(SecondExample);

        Assert.Equal(0, result.ExitCode);

        // 1000 users need 4 lookups of 300 (the seed says 3); 100 deletes, 450 updates and 450 creates;
        // groups gain 500, 500, 500, 200, 200 and lose 50 each. The seed's own steps add to 21, not its 19.
        var seedCalls = Calls(1000) + Calls(100) + Calls(450) + Calls(450) + (3 * Calls(500)) + (2 * Calls(200)) + (5 * Calls(50));
        Assert.Equal(22, seedCalls);
        Assert.Equal(Count(Calls(1000)), result.Row("Look up")[1]);
        Assert.Equal(Count(seedCalls), result.Row("total")[1]);
        Assert.Equal(Rate(MarketoQuota / MinutesPerDay / seedCalls), result.Row("batches/minute")[1]);
        Assert.Equal(Rate(MarketoQuota / MinutesPerDay / seedCalls * 1000), result.Row("users/minute")[1]);
        Assert.True(int.Parse(result.Row("total")[2], CultureInfo.InvariantCulture) < seedCalls, result.Output);
    }

    [Fact]
    public void Budget_SeedSecondExample_JsonCarriesTheSteps()
    {
        var json = HighwaterCli.Run([.. SecondExample, "--json"]).Json();

        var steps = json.GetProperty("seed").GetProperty("steps").EnumerateArray()
            .ToDictionary(s => s.GetProperty("step").GetString()!, s => s.GetProperty("calls").GetInt32());
        Assert.Equal(Calls(1000), steps["Look up"]);
        Assert.Equal(Calls(100), steps["Delete"]);
        Assert.Equal(Calls(450), steps["Update"]);
        Assert.Equal(Calls(450), steps["Create"]);
        Assert.Equal((3 * Calls(500)) + (2 * Calls(200)), steps["Add to lists"]);
        Assert.Equal(5 * Calls(50), steps["Remove from lists"]);
        Assert.Equal(22, json.GetProperty("seed").GetProperty("requests").GetInt32());
        Assert.Equal(MarketoQuota / MinutesPerDay / 22, json.GetProperty("seed").GetProperty("batchesPerMinute").GetDouble(), 9);
        Assert.Equal(MarketoQuota / MinutesPerDay / 22 * 1000, json.GetProperty("seed").GetProperty("usersPerMinute").GetDouble(), 9);
        Assert.Equal([0.5, 0.5, 0.5, 0.2, 0.2], Doubles(json.GetProperty("scenario").GetProperty("joinShares")));
        Assert.Equal(0.45, json.GetProperty("scenario").GetProperty("createShare").GetDouble());
        Assert.True(json.GetProperty("highwater").GetProperty("requests").GetInt32() < 22);
    }

    [Theory]
    [InlineData("marketo")]
    [InlineData("salesforce")]
    [InlineData("pardot")]
    [InlineData("eloqua")]
    public void Budget_EachService_RunsOnItsDefaultQuota(string service)
    {
        var table = HighwaterCli.Run("budget", "--service", service);
        var json = HighwaterCli.Run("budget", "--service", service, "--json").Json();

        var quota = ServiceModules.Get(service).Quota!.CallsPerDay;
        Assert.Equal(0, table.ExitCode);
        Assert.StartsWith($"{service}: ", table.OutputLines[0], StringComparison.Ordinal);
        Assert.StartsWith($"Quota: {Count(quota)} calls ", table.OutputLines[1], StringComparison.Ordinal);
        Assert.Equal(service, json.GetProperty("service").GetString());
        Assert.Equal(quota, json.GetProperty("quota").GetProperty("callsPerDay").GetInt32());
        foreach (var column in new[] { "seed", "highwater" })
        {
            var requests = json.GetProperty(column).GetProperty("requests").GetInt32();
            Assert.Equal(quota / (double)requests, json.GetProperty(column).GetProperty("batchesPerDay").GetDouble(), 9);
            Assert.Equal(Rate(quota / MinutesPerDay / requests), table.Row("batches/minute")[column == "seed" ? 1 : 2]);
        }
    }

    [Fact]
    public void Budget_Pardot_ListsCostNothing_ABackfillIsOneImportJob()
    {
        var batch = HighwaterCli.Run("budget", "--service", "pardot", "--users", "40");
        var backfill = HighwaterCli.Run("budget", "--service", "pardot", "--users", "2000", "--groups", "3", "--delete-share", "0", "--create-share", "1");

        Assert.Equal("0", batch.Row("Lists (inline on the write)")[2]);
        Assert.Equal("0", batch.Row("Bulk upsert (import job)")[2]);
        Assert.Equal("5 (1 operation)", backfill.Row("Bulk upsert (import job)")[2]);
        Assert.Equal("2,000", backfill.Row("Look up")[1]);
        Assert.Equal("0", backfill.Row("Look up")[2]);
    }

    [Fact]
    public void Budget_OperationsOfSeveralCalls_ShowTheCallsTheQuotaCounts_AndTheOperationsInParentheses()
    {
        var table = HighwaterCli.Run("budget", "--service", "salesforce");
        var json = HighwaterCli.Run("budget", "--service", "salesforce", "--json").Json();

        // A Salesforce removal first queries the member ids: each operation is two calls.
        var remove = json.GetProperty("seed").GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == "Remove from lists");
        var (operations, calls) = (remove.GetProperty("operations").GetInt32(), remove.GetProperty("requests").GetInt32());
        Assert.Equal(operations, remove.GetProperty("calls").GetInt32());
        Assert.Equal(2 * operations, calls);
        Assert.Equal($"{calls} ({operations} {(operations == 1 ? "operation" : "operations")})", table.Row("Remove from lists")[1]);
        Assert.StartsWith($"{json.GetProperty("seed").GetProperty("requests").GetInt32()} (", table.Row("total")[1], StringComparison.Ordinal);
        Assert.DoesNotContain("requests", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_Quota_ScalesTheRates()
    {
        var json = HighwaterCli.Run("budget", "--service", "marketo", "--quota", "20000", "--json").Json();
        var table = HighwaterCli.Run("budget", "--service", "marketo", "--quota", "20000");

        Assert.Equal(20_000, json.GetProperty("quota").GetProperty("callsPerDay").GetInt32());
        Assert.Equal("set with --quota", json.GetProperty("quota").GetProperty("source").GetString());
        Assert.Equal(20_000 / MinutesPerDay, json.GetProperty("callsPerMinute").GetDouble(), 9);
        Assert.Equal(20_000 / MinutesPerDay / 14, json.GetProperty("seed").GetProperty("batchesPerMinute").GetDouble(), 9);
        Assert.Equal(Rate(20_000 / MinutesPerDay / 14), table.Row("batches/minute")[1]);
        Assert.StartsWith("Quota: 20,000 calls a day (set with --quota); ", table.OutputLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_Reserve_KeepsAShareOfTheQuotaBack()
    {
        var json = HighwaterCli.Run("budget", "--service", "marketo", "--reserve", "0.25", "--json").Json();
        var table = HighwaterCli.Run("budget", "--service", "marketo", "--reserve", "0.25");

        var callsPerMinute = MarketoQuota * (1 - 0.25) / MinutesPerDay;
        Assert.Equal(0.25, json.GetProperty("reserve").GetDouble());
        Assert.Equal(callsPerMinute, json.GetProperty("callsPerMinute").GetDouble(), 9);
        Assert.Equal(callsPerMinute / 14, json.GetProperty("seed").GetProperty("batchesPerMinute").GetDouble(), 9);
        Assert.Equal(callsPerMinute / 14 * 300, json.GetProperty("seed").GetProperty("usersPerMinute").GetDouble(), 9);
        Assert.Equal(Rate(callsPerMinute / 14), table.Row("batches/minute")[1]);
        Assert.EndsWith($"25% kept for other integrations leaves {Rate(callsPerMinute)} calls a minute on average", table.OutputLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_Json_PrintsExactlyOneObject()
    {
        var result = HighwaterCli.Run("budget", "--service", "eloqua", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Errors);
        Assert.Equal(JsonValueKind.Object, result.Json().ValueKind);
        Assert.StartsWith("{", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("}", result.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_Redirected_PrintsAMarkdownTable()
    {
        var result = HighwaterCli.Run("budget", "--service", "marketo");

        Assert.Equal("| calls per batch   | seed algorithm | Highwater planner |", result.OutputLines[2]);
        Assert.Equal("| ----------------- | -------------: | ----------------: |", result.OutputLines[3]);
        Assert.DoesNotContain('\u001b', result.Output);
    }

    [Fact]
    public void Budget_AtATerminal_DrawsASpectreTable()
    {
        var terminal = new TerminalOutput();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = terminal, Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });

        var result = HighwaterCli.Run(console, () => terminal.Writer.ToString()!, "budget", "--service", "marketo");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("╭", result.Output, StringComparison.Ordinal);
        Assert.Contains(result.OutputLines, line => line.StartsWith("│ total", StringComparison.Ordinal) && line.Contains("│             14 │", StringComparison.Ordinal));
        Assert.Contains(result.OutputLines, line => line.StartsWith("│ batches/minute", StringComparison.Ordinal) && line.Contains(Rate(MarketoQuota / MinutesPerDay / 14), StringComparison.Ordinal));
    }

    private static int Calls(int records) => (records + MarketoBatch - 1) / MarketoBatch;

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Rate(double rate) => rate.ToString("N2", CultureInfo.InvariantCulture);

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];
}
