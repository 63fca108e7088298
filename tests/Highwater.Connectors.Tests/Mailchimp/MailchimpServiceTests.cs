using Highwater.Connectors.Mailchimp;
using Highwater.Connectors.Modules;
using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Microsoft.Extensions.Logging.Abstractions;

namespace Highwater.Connectors.Tests.Mailchimp;

public sealed class MailchimpServiceTests
{
    [Fact]
    public void Policy_TenConnectionsAtOnce_NoDailyQuota()
    {
        IServiceModule module = new MailchimpService();

        var policy = new RatePolicy(module.Policy("acct", "Europe/Berlin"));

        Assert.Equal(10, policy.ConcurrencyLimit);
        Assert.Null(module.Quota);
        var window = Assert.IsType<RollingWindow>(Assert.Single(policy.Windows));
        Assert.Equal((1_000L, TimeSpan.FromSeconds(1)), (window.Limit, window.Length));
    }

    [Fact]
    public void Validate_EveryProblemAtOnce_EachNamingItsSetting_TheKeyNeverRepeated()
    {
        var problems = new MailchimpService().Validate(Destination(key: "abc123secret", listId: "", deleteMode: "erase", statusIfNew: "cleaned", style: "lists"));

        Assert.Equal(
            [
                "mailchimp.apiKey: must end with its data centre after a dash, as Mailchimp shows the key (like xxxx-us21); the key given has none",
                "mailchimp.listId: must name one audience (its list id, from the audience's settings)",
                "mailchimp.deleteMode: must be one of archive, delete-permanent (was 'erase')",
                "mailchimp.statusIfNew: must be one of subscribed, pending, unsubscribed, transactional (was 'cleaned')",
                "mailchimp.membershipStyle: must be one of auto, tags, segments (was 'lists')",
            ],
            problems);
        Assert.DoesNotContain(problems, p => p.Contains("abc123secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TheKeysDataCentreIsNotTheHosts_SaysWhichHostToUse() =>
        Assert.Equal(
            ["mailchimp.apiKey: the key belongs to data centre us21, but baseUrl is us6.api.mailchimp.com; use https://us21.api.mailchimp.com/"],
            new MailchimpService().Validate(Destination(key: "0123abcd-us21", baseUrl: "https://us6.api.mailchimp.com/")));

    [Fact]
    public void Validate_AnotherHost_TakesTheKeyAsItIs() =>
        Assert.Empty(new MailchimpService().Validate(Destination(key: "sim-key", baseUrl: "http://127.0.0.1:8080/")));

    [Fact]
    public void Validate_AReferenceIsCheckedOnlyOnceResolved_AGoodDestinationHasNoProblems()
    {
        Assert.Empty(new MailchimpService().Validate(Destination(key: "${MAILCHIMP_API_KEY}")));
        Assert.Empty(new MailchimpService().Validate(Destination(key: "0123abcd-us21", baseUrl: "https://us21.api.mailchimp.com/", deleteMode: "delete-permanent", statusIfNew: "pending", style: "segments")));
    }

    [Fact]
    public void Create_AResolvedKeyWithoutItsDataCentre_IsRefused_WithoutRepeatingIt()
    {
        using var http = new HttpClient();
        var destination = Destination(key: "${MAILCHIMP_API_KEY}") with { Credential = _ => "abc123secret" };

        var error = Assert.Throws<ArgumentException>(() => new MailchimpService().Create(destination, http, new TallyingCallGate(), TimeProvider.System, NullLoggerFactory.Instance));

        Assert.StartsWith("invalid Mailchimp options: mailchimp.apiKey: must end with its data centre after a dash", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Module_OneReadFindsEveryTag_EachMissingOneIsCreated_NamesIgnoreCase_CapabilitiesHold()
    {
        var module = new MailchimpService();

        Assert.Equal((1, 3), module.ListCalls(Destination(), 3));
        Assert.Equal((0, 0), module.ListCalls(Destination(), 0));
        Assert.True(module.ListNames.Equals("Trial Users", "trial users"));
        Assert.Equal(["apiKey"], module.Credentials);
        Assert.Equal(["listId", "deleteMode", "statusIfNew", "membershipStyle"], module.Settings.Select(s => s.Name));
        Assert.Empty(MailchimpService.Capabilities.Validate());
        Assert.Equal(new LookupCapability(MaxKeys: 500, ReturnsMemberships: false, RequestsPerCall: 4), MailchimpService.Capabilities.Lookup);
        Assert.True(MailchimpService.Capabilities.IdsFollowKeys);
        Assert.True(MailchimpService.Capabilities.Membership.ByForeignKey);
    }

    [Fact]
    public void ApiRoot_AddsThe30PathOnce() =>
        Assert.Equal(
            ["https://us21.api.mailchimp.com/3.0/", "https://us21.api.mailchimp.com/3.0/", "http://127.0.0.1:5000/3.0/"],
            new[] { "https://us21.api.mailchimp.com", "https://us21.api.mailchimp.com/3.0/", "http://127.0.0.1:5000/" }.Select(u => new MailchimpConnectorOptions { BaseAddress = new Uri(u) }.ApiRoot.ToString()));

    private static ServiceDestination Destination(string key = "${MAILCHIMP_API_KEY}", string listId = "a1b2c3d4e5", string? deleteMode = null, string? statusIfNew = null, string? style = null, string baseUrl = "https://us21.api.mailchimp.com/")
    {
        var settings = new List<KeyValuePair<string, object>> { KeyValuePair.Create("listId", (object)new List<string> { listId }) };
        foreach (var (name, value) in new[] { ("deleteMode", deleteMode), ("statusIfNew", statusIfNew), ("membershipStyle", style) })
        {
            if (value is not null)
            {
                settings.Add(KeyValuePair.Create(name, (object)new List<string> { value }));
            }
        }

        return new ServiceDestination
        {
            Name = "audience",
            BaseUrl = new Uri(baseUrl),
            BatchSize = 500,
            Settings = new ServiceSettings(settings),
            Credential = _ => key,
        };
    }
}
