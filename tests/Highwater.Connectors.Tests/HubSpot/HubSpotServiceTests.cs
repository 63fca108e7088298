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
                "hubspot.token: a private app's token is required, or instead an OAuth app's clientId, clientSecret and refreshToken",
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
        Assert.Equal(["token", "clientId", "clientSecret", "refreshToken"], module.Credentials);
        Assert.Empty(((IServiceModule)module).RequiredCredentials);
        Assert.Empty(HubSpotService.Capabilities.Validate());
    }

    [Fact]
    public void Validate_OAuthKeysAllGiven_HasNoProblems() =>
        Assert.Empty(new HubSpotService().Validate(Destination("starter", credentials: OAuth)));

    [Fact]
    public void Validate_OAuthWithoutTheRefreshToken_NamesItAtItsKey()
    {
        var problems = new HubSpotService().Validate(Destination("starter", credentials: new() { ["clientId"] = "${HUBSPOT_CLIENT_ID}", ["clientSecret"] = "${HUBSPOT_CLIENT_SECRET}" }));

        Assert.Equal(["hubspot.refreshToken: refreshToken is required for OAuth, which takes clientId, clientSecret and refreshToken (or give a private app's token instead)"], problems);
    }

    [Fact]
    public void Validate_TokenAndOAuthKeysBoth_AskForOne()
    {
        var problems = new HubSpotService().Validate(Destination("starter", credentials: new(OAuth) { ["token"] = "${HUBSPOT_TOKEN}" }));

        Assert.Equal(["hubspot.token: give either a private app's token or the OAuth clientId, clientSecret and refreshToken, not both"], problems);
    }

    private static Dictionary<string, string> OAuth => new()
    {
        ["clientId"] = "${HUBSPOT_CLIENT_ID}",
        ["clientSecret"] = "${HUBSPOT_CLIENT_SECRET}",
        ["refreshToken"] = "${HUBSPOT_REFRESH_TOKEN}",
    };

    private static ServiceDestination Destination(string tier, string token = "${HUBSPOT_TOKEN}", int batchSize = 100, Dictionary<string, string>? credentials = null) => new()
    {
        Name = "crm",
        BaseUrl = new Uri("https://api.hubapi.com/"),
        BatchSize = batchSize,
        Settings = new ServiceSettings([KeyValuePair.Create("tier", (object)new List<string> { tier })]),

        // An absent key reads as empty, as the catalogue gives it to a module that does not require it.
        Credential = key => credentials is null ? (key == "token" ? token : "") : credentials.GetValueOrDefault(key, ""),
    };
}
