using Highwater.Connectors.Modules;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Tests;

public class ServiceModulesTests
{
    [Theory]
    [InlineData("marketo")]
    [InlineData("salesforce")]
    [InlineData("pardot")]
    [InlineData("eloqua")]
    [InlineData("MARKETO")]
    public void Get_EveryService_HasValidCapabilitiesUnderItsKind(string kind)
    {
        var module = ServiceModules.Get(kind);

        Assert.Equal(kind.ToLowerInvariant(), module.Kind);
        Assert.Equal(module.Kind, module.Capabilities.Service);
        Assert.Empty(module.Capabilities.Validate());
    }

    [Fact]
    public void Get_UnknownKind_SaysWhichAreKnown()
    {
        var ex = Assert.Throws<ArgumentException>(() => ServiceModules.Get("dynamics"));

        Assert.Contains("unknown service 'dynamics'; known: eloqua, hubspot, mailchimp, marketo, pardot, salesforce", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_OneModulePerKind_InTheOrderMessagesListThem() =>
        Assert.Equal(["marketo", "salesforce", "pardot", "eloqua", "hubspot", "mailchimp"], ServiceModules.Kinds);

    [Theory]
    [InlineData("marketo")]
    [InlineData("Salesforce")]
    [InlineData("pardot")]
    [InlineData("eloqua")]
    public void Policy_EveryService_BuildsAValidPolicyWithADailyReserve(string kind)
    {
        var policy = new RatePolicy(ServiceModules.Get(kind).Policy("account", null));

        Assert.Equal("account", policy.Account);
        Assert.Contains(policy.Windows, w => w.IsDayLong && w.ReserveShare == 0.2);
    }

    [Theory]
    [InlineData("pardot", 25_000)]
    [InlineData("eloqua", 2_000)]
    public void Policy_WithAZone_ResetsTheDayAtItsMidnight(string kind, long daily)
    {
        var policy = new RatePolicy(ServiceModules.Get(kind).Policy("account", "Europe/Berlin"));

        var day = Assert.IsType<CalendarWindow>(policy.GetWindow("day"));
        Assert.Equal((daily, "Europe/Berlin"), (day.Limit, day.TimeZone.Id));
    }

    [Theory]
    [InlineData("marketo", 50_000)]
    [InlineData("salesforce", 100_000)]
    [InlineData("pardot", 25_000)]
    [InlineData("eloqua", 2_000)]
    public void Quota_EveryService_IsItsPolicysDailyLimit(string kind, int calls)
    {
        var module = ServiceModules.Get(kind);

        Assert.Equal(calls, module.Quota!.CallsPerDay);
        Assert.Contains(new RatePolicy(module.Policy("a", null)).Windows, w => w.IsDayLong && w.Limit == calls);
    }

    [Fact]
    public void Settings_AreDeclaredOncePerKind_AndCredentialsAreNamed()
    {
        foreach (var module in ServiceModules.All)
        {
            Assert.Equal(module.Settings.Count, module.Settings.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
            Assert.NotEmpty(module.Credentials);
        }
    }

    [Fact]
    public void Validate_MarketoBatchAboveItsMaximum_IsCappedNotRefused()
    {
        var destination = new ServiceDestination
        {
            Name = "m",
            BaseUrl = new Uri("http://127.0.0.1:1/"),
            BatchSize = 500,
            Credential = key => $"${{{key}}}",
        };

        Assert.Empty(ServiceModules.Get("marketo").Validate(destination));
    }

    [Fact]
    public void Validate_PardotWithoutCredentials_NamesEachMissingOne()
    {
        var destination = new ServiceDestination
        {
            Name = "p",
            BaseUrl = new Uri("http://127.0.0.1:1/"),
            BatchSize = 50,
            Credential = _ => "",
        };

        var problems = ServiceModules.Get("pardot").Validate(destination);

        Assert.Contains("pardot.clientId: must be set", problems);
        Assert.Contains("pardot.clientSecret: must be set", problems);
        Assert.Contains(problems, p => p.StartsWith("pardot.businessUnitId: must be set", StringComparison.Ordinal));
    }

    [Fact]
    public void ListCalls_Marketo_CreatesListsOnlyWithAFolder()
    {
        var module = ServiceModules.Get("marketo");
        var without = new ServiceDestination { Name = "m", BaseUrl = new Uri("http://127.0.0.1:1/"), BatchSize = 300, Credential = _ => "" };
        var with = without with { Settings = new ServiceSettings([new("listFolder", 12L)]) };

        Assert.Equal((1, 0), module.ListCalls(without, 3));
        Assert.Equal((1, 3), module.ListCalls(with, 3));
    }
}
