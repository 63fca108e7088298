using Highwater.Simulators.Hosting;

namespace Highwater.Simulators.Tests.Hosting;

/// <summary>The one call counter every simulator uses.</summary>
public sealed class CallCounterTests
{
    [Fact]
    public void Snapshot_NamesTheDataKindsAtZero_AndTotalsTheKinds()
    {
        var counter = new CallCounter("lookup", "upsert");
        counter.Count("auth");
        counter.Count("upsert");
        counter.Count("upsert");
        counter.RateLimited();
        counter.Rejected(3);

        var counts = counter.Snapshot();
        counter.Reset();

        Assert.Equal(new Dictionary<string, long> { ["lookup"] = 0, ["upsert"] = 2, ["auth"] = 1 }, counts.ByKind);
        Assert.Equal(3, counts.Total);
        Assert.Equal(1, counts.RateLimitRejections);
        Assert.Equal(3, counts.RecordRejections);
        Assert.Equal(0, counter.Snapshot().Total);
    }
}
