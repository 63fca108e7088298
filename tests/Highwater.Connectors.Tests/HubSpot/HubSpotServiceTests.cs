using Highwater.Connectors.HubSpot;
using Highwater.Connectors.Modules;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Tests.HubSpot;

public sealed class HubSpotServiceTests
{
    [Theory]
    [InlineData("free", 100, 250_000)]
    [InlineData("Starter", 100, 250_000)]
    [InlineData("professional", 190, 625_000)]
    [InlineData("enterprise", 190, 1_000_000)]
    [InlineData("capacity", 250, 1_000_000)]
    public void Policy_ByTier_TenSecondsRollingAndTheDayInTheAccountZone(string tier, long burst, long daily)
    {
        var policy = new RatePolicy(HubSpotService.Policy("portal-1", "America/New_York", tier));

        var window = Assert.IsType<RollingWindow>(policy.GetWindow("10s"));
        Assert.Equal((burst, TimeSpan.FromSeconds(10)), (window.Limit, window.Length));
        var day = Assert.IsType<CalendarWindow>(policy.GetWindow("day"));
        Assert.Equal((daily, "America/New_York"), (day.Limit, day.TimeZone.Id));
        Assert.Null(policy.ConcurrencyLimit);
    }

    [Fact]
    public void Policy_WithoutAZone_IsARolling24Hours()
    {
        var policy = new RatePolicy(HubSpotService.Policy("portal-1"));

        Assert.Equal(250_000, Assert.IsType<RollingWindow>(policy.GetWindow("24h")).Limit);
    }

    [Fact]
    public void Policy_UnknownTier_NamesTheKnownOnes() =>
        Assert.Contains("known: free, starter, professional, enterprise, capacity", Assert.Throws<ArgumentException>(() => HubSpotService.Policy("p", null, "gold")).Message, StringComparison.Ordinal);

    [Fact]
    public void ModulePolicy_TakesTheDestinationsTier()
    {
        IServiceModule module = new HubSpotService();

        var policy = new RatePolicy(module.Policy(Destination("professional"), "portal-1", "Europe/Berlin"));

        Assert.Equal(190, policy.GetWindow("10s").Limit);
        Assert.Equal((625_000L, "Europe/Berlin"), (policy.GetWindow("day").Limit, ((CalendarWindow)policy.GetWindow("day")).TimeZone.Id));
    }

    [Fact]
    public void Validate_EveryProblemAtOnce_EachNamingItsSetting()
    {
        var problems = new HubSpotService().Validate(Destination("gold", token: " "));

        Assert.Equal(
            [
                "hubspot.token: is required (a private app's access token)",
                "hubspot.tier: must be one of free, starter, professional, enterprise, capacity (was 'gold')",
            ],
            problems);
    }

    [Fact]
    public void Validate_AGoodDestination_HasNoProblems_AndItsBatchesStopAt100() =>
        Assert.Empty(new HubSpotService().Validate(Destination("enterprise", batchSize: 500)));

    [Fact]
    public void Module_ListsCostALookupAndACreationEach_NamesIgnoreCase()
    {
        var module = new HubSpotService();

        Assert.Equal((3, 3), module.ListCalls(Destination("starter"), 3));
        Assert.True(module.ListNames.Equals("Trial Users", "trial users"));
        Assert.Equal(["token"], module.Credentials);
        Assert.Empty(HubSpotService.Capabilities.Validate());
    }

    private static ServiceDestination Destination(string tier, string token = "${HUBSPOT_TOKEN}", int batchSize = 100) => new()
    {
        Name = "crm",
        BaseUrl = new Uri("https://api.hubapi.com/"),
        BatchSize = batchSize,
        Settings = new ServiceSettings([KeyValuePair.Create("tier", (object)new List<string> { tier })]),
        Credential = _ => token,
    };
}
