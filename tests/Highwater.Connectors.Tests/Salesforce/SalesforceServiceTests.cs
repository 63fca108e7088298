using Highwater.Connectors.Salesforce;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Tests.Salesforce;

public class SalesforceServiceTests
{
    [Fact]
    public void Policy_IsARolling24HoursInTheLedger()
    {
        var policy = new RatePolicy(SalesforceService.Policy("s"));

        var day = Assert.IsType<RollingWindow>(Assert.Single(policy.Windows));
        Assert.Equal((100_000, TimeSpan.FromHours(24), 20_000L, true), (day.Limit, day.Length, day.Reserve, day.CountsInLedger));
        Assert.Equal(25, policy.ConcurrencyLimit);
    }
}
