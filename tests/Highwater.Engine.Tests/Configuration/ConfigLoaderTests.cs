using Highwater.Core.Groups;
using Highwater.Core.Model;
using Highwater.Engine.Configuration;
using Highwater.Sources.Reading;

namespace Highwater.Engine.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private const string Valid = """
        store:
          sqlite: buffer.db
        sources:
          users:
            kind: sqlite
            connection: app.db
            table: users
            key: id
            mark: updated_at
            columns: [email, first_name, plan, last_seen_at, segments]
            deleted: deleted_at
            lookBack: 5m
            pollInterval: 30s
        groups:
          pro:
            rule: { property: plan, op: "=", value: pro }
          active:
            rule:
              all:
                - { property: last_seen_at, op: withinLast, value: 30d }
                - { property: email, op: notNull }
          tagged:
            property: segments
        destinations:
          marketo:
            kind: marketo
            baseUrl: https://123-abc-456.mktorest.com
            credentials:
              clientId: ${MARKETO_CLIENT_ID}
              clientSecret: ${file:/run/secrets/marketo}
            foreignKey: email
            fields: { email: email, firstName: first_name }
            lists: { pro: Pro Customers, active: Active Users }
            syncMode: additive
            batchSize: 300
            window: 10m
            limits: { daily: 40000, reserve: 25% }
        """;

    private static ConfigLoadResult Parse(string text) => ConfigLoader.Parse(text, "highwater.yaml", "/srv/app");

    [Fact]
    public void Load_ValidFile_BuildsEverySection()
    {
        var result = Parse(Valid);

        Assert.Empty(result.Problems);
        var config = result.Config!;
        Assert.Equal("sqlite", config.Store.Kind);
        Assert.Equal("/srv/app/buffer.db", config.Store.Connection.Literal);
        var users = config.Sources["users"];
        Assert.Equal(SourceKind.Sqlite, users.Definition.Kind);
        Assert.Equal("Data Source=/srv/app/app.db", users.Definition.Connection);
        Assert.Equal("updated_at", users.Definition.MarkColumn);
        Assert.Equal(TimeSpan.FromSeconds(30), users.PollInterval);
        Assert.IsType<All>(config.Groups["active"].Rule);
        Assert.Equal("segments", config.Groups["tagged"].FromProperty);
        var marketo = config.Destinations["marketo"];
        Assert.Equal(SyncMode.Additive, marketo.SyncMode);
        Assert.Equal("marketo", marketo.Account);
        Assert.Equal("MARKETO_CLIENT_ID", marketo.Credentials["clientId"].Variable);
        Assert.Equal("/run/secrets/marketo", marketo.Credentials["clientSecret"].File);
        Assert.Equal(0.25, marketo.Limits.Reserve);
        Assert.Equal(40000, marketo.Limits.Daily);
        Assert.Equal(TimeSpan.FromMinutes(10), marketo.Window);
    }

    [Fact]
    public void Load_MaxFutureSkew_DefaultsToFiveMinutesAndTakesADuration()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), Parse(Valid).Config!.Sources["users"].Definition.MaxFutureSkew);

        var result = Parse(Valid.Replace("lookBack: 5m", "lookBack: 5m\n    maxFutureSkew: 1h", StringComparison.Ordinal));

        Assert.Empty(result.Problems);
        Assert.Equal(TimeSpan.FromHours(1), result.Config!.Sources["users"].Definition.MaxFutureSkew);
    }

    [Fact]
    public void Load_MaxFutureSkewWithoutATimestampMark_IsAProblemAtItsLine()
    {
        var result = Parse(Valid.Replace("lookBack: 5m", "markKind: integer\n    maxFutureSkew: 1h", StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("highwater.yaml:13 sources.users.maxFutureSkew: only for sources with a timestamp mark (an integer mark has no clock to be ahead of)", problem.ToString());
    }

    [Fact]
    public void Load_BatchSizeBeyondTheServiceMaximum_NamesLineSettingAndValue()
    {
        var result = Parse(Valid.Replace("batchSize: 300", "batchSize: 500", StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Null(result.Config);
        Assert.Equal("highwater.yaml:35 destinations.marketo.batchSize: must be 1..300 (was 500)", problem.ToString());
    }

    [Fact]
    public void Load_SeveralProblems_ReportsEveryOneAtOnce()
    {
        var text = Valid
            .Replace("batchSize: 300", "batchSize: 0", StringComparison.Ordinal)
            .Replace("syncMode: additive", "syncMode: mirror", StringComparison.Ordinal)
            .Replace("pollInterval: 30s", "pollInterval: often", StringComparison.Ordinal)
            .Replace("lists: { pro: Pro Customers", "lists: { gold: Gold", StringComparison.Ordinal)
            .Replace("    table: users", "    table: users\n    colour: blue", StringComparison.Ordinal);

        var messages = Parse(text).Problems.Select(p => p.ToString()).ToList();

        Assert.Contains(messages, m => m.Contains("sources.users.colour: unknown setting", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("sources.users.pollInterval: must be a duration", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("destinations.marketo.lists.gold: is not a group", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("destinations.marketo.syncMode: must be one of sync, additive, enrich (was mirror)", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("destinations.marketo.batchSize: must be 1..300 (was 0)", StringComparison.Ordinal));
        Assert.Equal(5, messages.Count);
    }

    [Fact]
    public void Load_LiteralSecret_IsAnErrorThatNeverRepeatsTheSecret()
    {
        var result = Parse(Valid.Replace("clientSecret: ${file:/run/secrets/marketo}", "clientSecret: hunter2-very-secret", StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Contains("destinations.marketo.credentials.clientSecret: is a literal secret", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConnectionStringWithALiteralPassword_IsAnError()
    {
        var text = Valid.Replace("kind: sqlite\n    connection: app.db", "kind: postgres\n    connection: Host=db;Username=app;Password=s3cret", StringComparison.Ordinal);

        var problem = Assert.Single(Parse(text).Problems);
        Assert.Contains("sources.users.connection: holds a literal password", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RuleOnAnUnknownColumn_SaysWhichColumnsExist()
    {
        var problem = Assert.Single(Parse(Valid.Replace("property: plan, op", "property: tier, op", StringComparison.Ordinal)).Problems);

        Assert.Contains("groups.pro.rule.property: no source has a column 'tier'", problem.ToString(), StringComparison.Ordinal);
        Assert.Contains("first_name", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingCredentialAndBadUrl_AreBothReported()
    {
        var text = Valid
            .Replace("      clientId: ${MARKETO_CLIENT_ID}\n", "", StringComparison.Ordinal)
            .Replace("baseUrl: https://123-abc-456.mktorest.com", "baseUrl: ftp://example", StringComparison.Ordinal);

        var messages = Parse(text).Problems.Select(p => p.ToString()).ToList();

        Assert.Contains(messages, m => m.Contains("destinations.marketo.credentials.clientId: is required for marketo", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("destinations.marketo.baseUrl: must be an http or https URL (was ftp://example)", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_InvalidYaml_SaysWhereItBroke()
    {
        var problem = Assert.Single(Parse("sources:\n  users: [unclosed\n").Problems);

        Assert.StartsWith("highwater.yaml:", problem.ToString(), StringComparison.Ordinal);
        Assert.Contains("is not valid YAML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretValue_Printed_ShowsTheReferenceNotTheValue()
    {
        var secret = SecretValue.Parse("${API_TOKEN}")!;

        Assert.Equal("${API_TOKEN}", secret.ToString());
        Assert.Equal("abc", secret.Resolve(name => name == "API_TOKEN" ? "abc" : null));
        var missing = Assert.Throws<InvalidOperationException>(() => secret.Resolve(_ => null));
        Assert.Contains("API_TOKEN is not set", missing.Message, StringComparison.Ordinal);
    }
}
