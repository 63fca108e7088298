using Highwater.Core.Governor;

namespace Highwater.Core.Tests.Governor;

public class KnownPoliciesTests
{
    [Fact]
    public void Marketo_HasTheReferenceNumbers()
    {
        var policy = new RatePolicy(KnownPolicies.Marketo("m"));

        var rate = Assert.IsType<RollingWindow>(policy.GetWindow("20s"));
        var day = Assert.IsType<CalendarWindow>(policy.GetWindow("day"));
        Assert.Equal((100, TimeSpan.FromSeconds(20), 0L), (rate.Limit, rate.Length, rate.Reserve));
        Assert.Equal((50_000, "America/Chicago", 10_000L), (day.Limit, day.TimeZone.Id, day.Reserve));
        Assert.Equal(10, policy.ConcurrencyLimit);
    }

    [Fact]
    public void Salesforce_IsARolling24HoursInTheLedger()
    {
        var policy = new RatePolicy(KnownPolicies.Salesforce("s"));

        var day = Assert.IsType<RollingWindow>(Assert.Single(policy.Windows));
        Assert.Equal((100_000, TimeSpan.FromHours(24), 20_000L, true), (day.Limit, day.Length, day.Reserve, day.CountsInLedger));
        Assert.Equal(25, policy.ConcurrencyLimit);
    }

    [Fact]
    public void HubSpot_WithTheAccountZone_ResetsAtItsMidnight()
    {
        var policy = new RatePolicy(KnownPolicies.HubSpot("h", "Europe/Berlin"));

        Assert.Equal(100, policy.GetWindow("10s").Limit);
        var day = Assert.IsType<CalendarWindow>(policy.GetWindow("day"));
        Assert.Equal((250_000, "Europe/Berlin"), (day.Limit, day.TimeZone.Id));
        Assert.Null(policy.ConcurrencyLimit);
    }

    [Fact]
    public void Pardot_WithoutAZone_IsARolling24Hours()
    {
        var policy = new RatePolicy(KnownPolicies.Pardot("p"));

        Assert.Equal(25_000, Assert.IsType<RollingWindow>(policy.GetWindow("24h")).Limit);
        Assert.Equal(5, policy.ConcurrencyLimit);
    }

    [Theory]
    [InlineData("growth", 25_000)]
    [InlineData("Plus", 50_000)]
    [InlineData("advanced", 100_000)]
    [InlineData("premium", 100_000)]
    public void Pardot_ByEdition_InTheAccountZone(string edition, long daily)
    {
        var policy = new RatePolicy(KnownPolicies.Pardot("p", "America/New_York", edition));

        var day = Assert.IsType<CalendarWindow>(policy.GetWindow("day"));
        Assert.Equal((daily, "America/New_York"), (day.Limit, day.TimeZone.Id));
        Assert.Equal(5, policy.ConcurrencyLimit);
    }

    [Fact]
    public void Pardot_UnknownEdition_NamesTheKnownOnes() =>
        Assert.Contains("growth, plus, advanced, premium", Assert.Throws<ArgumentException>(() => KnownPolicies.Pardot("p", null, "gold")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("marketo")]
    [InlineData("Salesforce")]
    [InlineData("pardot")]
    [InlineData("eloqua")]
    [InlineData("HUBSPOT")]
    public void For_EveryKnownService_BuildsAValidPolicy(string service)
    {
        var policy = new RatePolicy(KnownPolicies.For(service, "account"));

        Assert.Equal("account", policy.Account);
        Assert.Contains(policy.Windows, w => w.IsDayLong && w.ReserveShare == 0.2);
    }

    [Fact]
    public void For_UnknownService_ListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => KnownPolicies.For("myspace", "a"));

        Assert.Contains("known: marketo, salesforce, pardot, eloqua, hubspot", e.Message, StringComparison.Ordinal);
    }
}
