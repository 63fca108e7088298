using Highwater.Simulators.Marketo;
using Highwater.Simulators.Pardot;

namespace Highwater.Simulators.Tests.Hosting;

/// <summary>A simulator started with bad options names every problem at once, and starts nothing.</summary>
public sealed class OptionProblemsTests
{
    [Fact]
    public async Task Marketo_BadOptions_EveryProblemNamed()
    {
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => MarketoSimulator.StartAsync(new MarketoSimulatorOptions { RateLimit = 0, MaxBodyBytes = 0, Port = 70000 }));

        Assert.Equal("invalid Marketo simulator options: RateLimit: must be at least 1 (was 0); MaxBodyBytes: must be at least 1 (was 0); Port: must be 0..65535 (was 70000) (Parameter 'o')", failure.Message);
    }

    [Fact]
    public async Task Pardot_BadOptions_EveryProblemNamed()
    {
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => PardotSimulator.StartAsync(new PardotSimulatorOptions { DailyQuota = 0, Port = -1, LimitStatus = 99 }));

        Assert.Equal("invalid Pardot simulator options: DailyQuota: must be at least 1 (was 0); Port: must be 0..65535 (was -1); LimitStatus: must be an HTTP status (was 99) (Parameter 'o')", failure.Message);
    }

    [Fact]
    public void NoProblem_DoesNotThrow()
    {
        var problems = new Highwater.Simulators.Hosting.OptionProblems("Test");
        problems.AtLeastOne("Limit", 1);
        problems.Port("Port", 0);

        Assert.Null(Record.Exception(() => problems.ThrowIfAny("options")));
    }
}
