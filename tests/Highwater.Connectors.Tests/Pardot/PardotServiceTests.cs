using Highwater.Connectors.Pardot;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Tests.Pardot;

public class PardotServiceTests
{
    [Fact]
    public void Policy_WithoutAZone_IsARolling24Hours()
    {
        var policy = new RatePolicy(PardotService.Policy("p"));

        Assert.Equal(25_000, Assert.IsType<RollingWindow>(policy.GetWindow("24h")).Limit);
        Assert.Equal(5, policy.ConcurrencyLimit);
    }

    [Theory]
    [InlineData("growth", 25_000)]
    [InlineData("Plus", 50_000)]
    [InlineData("advanced", 100_000)]
    [InlineData("premium", 100_000)]
    public void Policy_ByEdition_InTheAccountZone(string edition, long daily)
    {
        var policy = new RatePolicy(PardotService.Policy("p", "America/New_York", edition));

        var day = Assert.IsType<CalendarWindow>(policy.GetWindow("day"));
        Assert.Equal((daily, "America/New_York"), (day.Limit, day.TimeZone.Id));
        Assert.Equal(5, policy.ConcurrencyLimit);
    }

    [Fact]
    public void Policy_UnknownEdition_NamesTheKnownOnes() =>
        Assert.Contains("growth, plus, advanced, premium", Assert.Throws<ArgumentException>(() => PardotService.Policy("p", null, "gold")).Message, StringComparison.Ordinal);
}
