using Highwater.Benchmarks.Scenarios;

namespace Highwater.Engine.Tests.Scenarios;

/// <summary>
/// Every scenario shipped under bench/scenarios, run as the scenario runner runs it: against its
/// own simulator over HTTP, through the real planner, executor, governor and connector.
/// </summary>
public sealed class ShippedScenarioTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(ScenarioDirectory(), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Scenario_RunsToTheDesiredStateWithoutARateLimitError(string file)
    {
        var scenario = Scenario.Load(Path.Combine(ScenarioDirectory(), file));

        var report = await ScenarioRunner.RunAsync(scenario, baseUrl: null, CancellationToken.None);

        Assert.True(report.Converged, string.Join("\n", report.Differences ?? ["(no differences reported)"]));
        Assert.Equal(0, report.RateLimitErrors);
        Assert.Equal(0, report.Rejected);
        Assert.Equal(0, report.RetryLater);
    }

    [Fact]
    public async Task SeedExampleOne_CostsFewerCallsThanTheSeedsFourteen()
    {
        var scenario = Scenario.Load(Path.Combine(ScenarioDirectory(), "seed-example-1-marketo.json"));

        var report = await ScenarioRunner.RunAsync(scenario, baseUrl: null, CancellationToken.None);

        Assert.True(report.Converged);
        Assert.InRange(report.Calls, 1, 13);
        Assert.Equal(report.Calls, report.CallsByKind.Values.Sum());
    }

    [Fact]
    public async Task UnchangedProfiles_CostNoDataCallAtAll()
    {
        var scenario = Scenario.Load(Path.Combine(ScenarioDirectory(), "marketo-unchanged.json"));

        var report = await ScenarioRunner.RunAsync(scenario, baseUrl: null, CancellationToken.None);

        Assert.True(report.Converged);
        Assert.Equal(0, report.Calls);
    }

    [Fact]
    public async Task PardotBackfill_OneImportJob_InsteadOfTwoThousandLookups()
    {
        var scenario = Scenario.Load(Path.Combine(ScenarioDirectory(), "pardot-backfill-2000.json"));

        var report = await ScenarioRunner.RunAsync(scenario, baseUrl: null, CancellationToken.None);

        Assert.True(report.Converged);
        Assert.Equal(report.Calls, report.CallsByKind["import"]);
        Assert.InRange(report.Calls, 4, 8); // create, upload, Ready, and the polls a two-second job takes
    }

    [Fact]
    public async Task PardotMembershipsOnly_ListsRideOnTheUpdates_NoCallOfTheirOwn()
    {
        var scenario = Scenario.Load(Path.Combine(ScenarioDirectory(), "pardot-memberships-only.json"));

        var report = await ScenarioRunner.RunAsync(scenario, baseUrl: null, CancellationToken.None);

        Assert.True(report.Converged);
        Assert.Equal(3, report.Calls); // 150 prospects, 50 a batchUpsert
        Assert.Equal(0, report.CallsByKind["listAdd"] + report.CallsByKind["listRemove"]);
    }

    internal static string ScenarioDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Highwater.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("the repository root (Highwater.slnx) is not above the test's folder"), "bench", "scenarios");
    }
}
