using System.Text.Json;
using Highwater.Simulators;

namespace Highwater.Cli.Tests.Commands.Demo;

/// <summary><c>demo --service S</c>: any registered simulator, driven through its module alone.</summary>
public sealed class DemoServiceTests
{
    /// <summary>Every simulated service but Marketo (whose demo <c>InitSyncDemoTests</c> runs).</summary>
    public static TheoryData<string> Services() => [.. SimulatorModules.Services.Where(s => s != "marketo")];

    [Theory]
    [MemberData(nameof(Services))]
    public void Demo_AnyService_ConvergesInBothPhases_WithoutARateLimitError(string service)
    {
        var result = HighwaterCli.Run("demo", "--service", service, "--users", "40", "--json");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Errors}{result.Output}");
        var demo = JsonDocument.Parse(result.Output).RootElement;
        var phases = demo.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(2, phases.Count);
        Assert.All(phases, p => Assert.Equal(0, p.GetProperty("differences").GetInt32()));
        Assert.Equal(40, phases[0].GetProperty("exported").GetInt32());
        Assert.True(phases[1].GetProperty("deleted").GetInt32() > 0);
        Assert.Equal(0, demo.GetProperty("rateLimitRejections").GetInt64());
    }

    [Fact]
    public void Demo_Text_NamesTheServiceAndItsLimits()
    {
        var harness = SimulatorModules.Get("salesforce").Harness;

        var result = HighwaterCli.Run("demo", "--service", "salesforce", "--users", "20");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Salesforce simulator on http://127.0.0.1:", result.Output, StringComparison.Ordinal);
        Assert.Contains($"({harness.Limits})", result.Output, StringComparison.Ordinal);
        Assert.Contains("| Salesforce matches the source | yes | yes |", result.Output, StringComparison.Ordinal);
        Assert.Contains("After each phase Salesforce held exactly the source's users, fields and lists.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_UnknownService_IsAUsageError_ListingTheSimulators()
    {
        var result = HighwaterCli.Run("demo", "--service", "nosuch");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--service must be one of {string.Join(", ", SimulatorModules.Services)} (was 'nosuch')", result.Errors, StringComparison.Ordinal);
    }
}
