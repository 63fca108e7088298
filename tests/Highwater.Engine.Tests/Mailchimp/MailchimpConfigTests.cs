using Highwater.Engine.Configuration;
using Highwater.Engine.Samples;

namespace Highwater.Engine.Tests.Mailchimp;

/// <summary>A <c>kind: mailchimp</c> destination as the loader reads it: its settings, and each problem at its line.</summary>
public sealed class MailchimpConfigTests
{
    [Fact]
    public void Load_AGoodDestination_TakesItsSettings_AndOneCallCarries500()
    {
        var result = ConfigLoader.Parse(Config(), "highwater.yaml", "/srv/app");

        Assert.Empty(result.Problems);
        var destination = result.Config!.Destinations["audience"];
        Assert.Equal(("mailchimp", 500), (destination.Kind, destination.BatchSize));
    }

    [Theory]
    [InlineData("deleteMode: archive", "deleteMode: erase", "destinations.audience.deleteMode: must be one of archive, delete-permanent (was 'erase')")]
    [InlineData("statusIfNew: subscribed", "statusIfNew: cleaned", "destinations.audience.statusIfNew: must be one of subscribed, pending, unsubscribed, transactional (was 'cleaned')")]
    [InlineData("membershipStyle: auto", "membershipStyle: lists", "destinations.audience.membershipStyle: must be one of auto, tags, segments (was 'lists')")]
    [InlineData("listId: f00dcafe42", "listId: my audience", "destinations.audience.listId: must be letters and digits, as Mailchimp shows an audience's id (was 'my audience')")]
    public void Load_ABadSetting_IsAProblemAtItsLine(string good, string bad, string expected)
    {
        var text = Config().Replace(good, bad, StringComparison.Ordinal);

        var problem = Assert.Single(ConfigLoader.Parse(text, "highwater.yaml", "/srv/app").Problems);

        Assert.Equal($"highwater.yaml:{LineOf(text, bad)} {expected}", problem.ToString());
    }

    [Fact]
    public void Load_ASettingOfAnotherKind_IsUnknownForMailchimp()
    {
        var text = Config().Replace("listId: f00dcafe42", "listId: f00dcafe42\n    tier: starter", StringComparison.Ordinal);

        var problem = Assert.Single(ConfigLoader.Parse(text, "highwater.yaml", "/srv/app").Problems);

        Assert.Equal(LineOf(text, "tier: starter"), problem.Line);
        Assert.StartsWith("unknown setting for mailchimp (a hubspot setting;", problem.Message, StringComparison.Ordinal);
    }

    private static string Config()
    {
        var sample = SampleProject.Config(new Uri("http://127.0.0.1:9/"));
        var sources = sample[..sample.IndexOf("destinations:", StringComparison.Ordinal)];
        return sources + """
            destinations:
              audience:
                kind: mailchimp
                baseUrl: https://us21.api.mailchimp.com/
                credentials:
                  apiKey: ${MAILCHIMP_API_KEY}
                listId: f00dcafe42
                deleteMode: archive
                statusIfNew: subscribed
                membershipStyle: auto
                foreignKey: email
                fields: { email: email, FNAME: first_name, COUNTRY: country }
                lists: { paying: Paying Customers, trial: Trial Users }
                syncMode: sync
                batchSize: 500

            """;
    }

    private static int LineOf(string text, string fragment) =>
        text[..text.IndexOf(fragment, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
}
