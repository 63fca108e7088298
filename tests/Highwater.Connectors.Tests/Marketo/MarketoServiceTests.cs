using Highwater.Connectors.Marketo;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Tests.Marketo;

public class MarketoServiceTests
{
    [Fact]
    public void Policy_HasTheReferenceNumbers()
    {
        var policy = new RatePolicy(MarketoService.Policy("m"));

        var rate = Assert.IsType<RollingWindow>(policy.GetWindow("20s"));
        var day = Assert.IsType<CalendarWindow>(policy.GetWindow("day"));
        Assert.Equal((100, TimeSpan.FromSeconds(20), 0L), (rate.Limit, rate.Length, rate.Reserve));
        Assert.Equal((50_000, "America/Chicago", 10_000L), (day.Limit, day.TimeZone.Id, day.Reserve));
        Assert.Equal(10, policy.ConcurrencyLimit);
    }
}
