using Highwater.Core.Governor;
using Highwater.Core.Scheduling;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Engine.Samples;
using Highwater.Engine.Tests.Running;
using Highwater.Sources.Reading;

namespace Highwater.Engine.Tests.Configuration;

/// <summary>
/// A file the loader accepts opens, and one the engine would refuse when it opens is refused by the
/// loader, at the line of the setting: the loader runs the engine's own checks.
/// </summary>
public sealed class ConfigLoaderEngineRulesTests
{
    private static readonly Uri Marketo = new("http://127.0.0.1:9/");

    [Theory]
    [InlineData("10s")]
    [InlineData("1m")]
    [InlineData("2h")]
    public async Task Open_AdaptiveWindowTheLoaderAccepts_Opens(string window)
    {
        await using var fixture = await EngineFixture.CreateAsync(users: 3, SampleProject.Config(Marketo, window));

        await using var engine = await fixture.OpenAsync();

        Assert.Equal(DurationOf(window), engine.Destinations[0].Config.Window);
    }

    [Fact]
    public void Load_AdaptiveWindowTheSchedulerRefuses_IsAProblemAtTheWindowLine()
    {
        var text = SampleProject.Config(Marketo, "3h");

        var result = ConfigLoader.Parse(text, "highwater.yaml", "/srv/app");

        var problem = Assert.Single(result.Problems);
        Assert.Null(result.Config);
        Assert.Equal($"highwater.yaml:{LineOf(text, "window: 3h")} destinations.marketo.window: must lie between minWindow 1m and maxWindow 2h in adaptive mode (was 3h); set adaptive: false for a fixed window outside it", problem.ToString());
    }

    [Fact]
    public void Load_EveryEngineRuleProblem_IsTheEnginesOwnRefusal()
    {
        // The scheduler itself refuses what the loader reports: the same check, not a copy.
        var text = SampleProject.Config(Marketo, "3h").Replace("window: 3h", "window: 3h\n    adaptive: false", StringComparison.Ordinal);
        var fixedWindow = ConfigLoader.Parse(text, "highwater.yaml", "/srv/app").Config!;
        var adaptive = fixedWindow.Destinations["marketo"] with { Adaptive = true };

        var refusal = Assert.Throws<ArgumentException>(() => new BatchScheduler("marketo", HighwaterEngine.SchedulerOptionsFor(adaptive), new RateGovernor(new RatePolicy(ConnectorCatalog.Policy(adaptive)), new InMemoryQuotaLedger(), TimeProvider.System), TimeProvider.System));

        Assert.StartsWith("batchWindow: must lie between minWindow", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("limits: { daily: 1 }", "destinations.marketo.limits.daily: leaves no call of the limit 1 to spend (was 0.2)")]
    [InlineData("limits: { daily: 5, reserve: 0.9 }", "destinations.marketo.limits.reserve: leaves no call of the limit 5 to spend (was 0.9)")]
    public void Load_DailyLimitThePolicyRefuses_IsAProblemAtTheLimitsLine(string limits, string expected)
    {
        var text = SampleProject.Config(Marketo) + "    " + limits + "\n";

        var problem = Assert.Single(ConfigLoader.Parse(text, "highwater.yaml", "/srv/app").Problems);

        Assert.Equal($"highwater.yaml:{LineOf(text, limits)} {expected}", problem.ToString());
    }

    [Fact]
    public async Task Open_LimitsTheLoaderAccepts_Opens()
    {
        await using var fixture = await EngineFixture.CreateAsync(users: 3, SampleProject.Config(Marketo) + "    limits: { daily: 2, reserve: 0.4 }\n");

        await using var engine = await fixture.OpenAsync();

        Assert.Single(engine.Destinations);
    }

    [Fact]
    public void Load_KindsInAnyCase_AreStoredInTheEnginesSpelling()
    {
        var text = SampleProject.Config(Marketo).Replace("kind: sqlite", "kind: SQLITE", StringComparison.Ordinal).Replace("kind: marketo", "kind: MarKeto", StringComparison.Ordinal);

        var result = ConfigLoader.Parse(text, "highwater.yaml", "/srv/app");

        Assert.Empty(result.Problems);
        Assert.Equal("marketo", result.Config!.Destinations["marketo"].Kind);
        Assert.Equal(SourceKind.Sqlite, result.Config.Sources["users"].Definition.Kind);
    }

    private static TimeSpan DurationOf(string text) => text[^1] switch
    {
        's' => TimeSpan.FromSeconds(int.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture)),
        'm' => TimeSpan.FromMinutes(int.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture)),
        _ => TimeSpan.FromHours(int.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static int LineOf(string text, string fragment) =>
        1 + text[..text.IndexOf(fragment, StringComparison.Ordinal)].Count(c => c == '\n');
}
