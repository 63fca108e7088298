using Highwater.Simulators.Hosting;

namespace Highwater.Simulators.Tests.Hosting;

/// <summary>The one fault injector every simulator uses: seeded draws, settings kept until changed, a reset that starts over.</summary>
public sealed class FaultInjectorTests
{
    [Fact]
    public void Set_ChangesOnlyTheFaultsNamed_ClampingRates()
    {
        var faults = new FaultInjector(seed: 7);

        faults.Set(new CommonFaults { ServerErrorRate = 2, SlowMillis = 200 });
        faults.Set(new CommonFaults { DropRate = -1, RefuseCredentials = true });

        Assert.Equal(1, faults.ServerErrorRate);
        Assert.Equal(200, faults.SlowMillis);
        Assert.Equal(0, faults.DropRate);
        Assert.True(faults.RefuseCredentials);
    }

    [Fact]
    public void Draws_AreTheSeedsSequence_AndAResetStartsItAgain()
    {
        var faults = new FaultInjector(seed: 7);
        faults.Set(new CommonFaults { ServerErrorRate = 0.5, DropRate = 0.5 });
        var first = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? faults.ServerError() : faults.Drop()).ToList();

        faults.Reset();
        var none = Enumerable.Range(0, 10).Select(_ => faults.ServerError()).ToList();
        faults.Set(new CommonFaults { ServerErrorRate = 0.5, DropRate = 0.5 });
        var again = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? faults.ServerError() : faults.Drop()).ToList();

        Assert.Contains(true, first);
        Assert.Contains(false, first);
        Assert.All(none, Assert.False);
        Assert.Equal(first, again);
    }

    [Fact]
    public void RateOne_AlwaysFails_RateZero_Never()
    {
        var faults = new FaultInjector(seed: 1);
        faults.Set(new CommonFaults { ServerErrorRate = 1 });

        Assert.All(Enumerable.Range(0, 20), _ => Assert.True(faults.ServerError()));
        Assert.All(Enumerable.Range(0, 20), _ => Assert.False(faults.Drop()));
    }
}
