using Highwater.Connectors.Mailchimp;
using Highwater.Core.Budget;
using Highwater.Core.Governor;

namespace Highwater.Core.Tests.Budget;

public class ServiceLimitsTests
{
    private static readonly TimeSpan Quarter = TimeSpan.FromSeconds(0.25);

    [Fact]
    public void Of_MailchimpPolicy_TenConnectionsAndItsCeiling_FortyCallsASecondAtAQuarterSecond()
    {
        var limits = ServiceLimits.Of(new RatePolicy(MailchimpService.Policy("mailchimp-1")), Quarter);

        Assert.Equal((10, 40.0), (limits.Concurrency, limits.CallsPerSecond));
        Assert.Equal([new RateLimit(1_000, TimeSpan.FromSeconds(1))], limits.Windows);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 1, 0.25)]
    [InlineData(10, 10, 0.25)]
    [InlineData(11, 11, 0.5)]
    [InlineData(1, 4, 1.0)]
    [InlineData(250, 250, 40.25)]
    public void SecondsFor_ConnectionsAtOnce_OneOperationsCallsInTurn_AndWindowsWaited(int operations, int calls, double seconds)
    {
        // 10 connections, at most 100 calls in any 20 s (the last 50 of 250 wait for the third window).
        var limits = new ServiceLimits { Concurrency = 10, Windows = [new RateLimit(100, TimeSpan.FromSeconds(20))], CallTime = Quarter };

        Assert.Equal(seconds, limits.SecondsFor(operations, calls), 6);
    }
}
