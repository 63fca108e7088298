using Highwater.Core.Profiles;
using Highwater.Engine.Configuration;

namespace Highwater.Engine.Tests.Configuration;

/// <summary>Source roles: one primary source creates and deletes profiles, the others enrich them.</summary>
public sealed class ConfigLoaderRoleTests
{
    private static string Config(string users = "", string extras = "", string more = "") => $$"""
        sources:
          users:
            kind: sqlite
            connection: app.db
            table: users
            key: id
            mark: updated_at
            columns: [email]
        {{users}}
          extras:
            kind: sqlite
            connection: app.db
            table: extras
            key: user_id
            columns: [company]
        {{extras}}
        {{more}}
        destinations:
          marketo:
            kind: marketo
            baseUrl: https://123-abc-456.mktorest.com
            credentials:
              clientId: ${MARKETO_CLIENT_ID}
              clientSecret: ${MARKETO_CLIENT_SECRET}
            foreignKey: email
            fields: { email: email, company: company }
        """;

    private static ConfigLoadResult Parse(string text) => ConfigLoader.Parse(text, "highwater.yaml", "/srv/app");

    private static Dictionary<string, SourceRole> Roles(string text)
    {
        var result = Parse(text);
        Assert.Empty(result.Problems);
        return result.Config!.Sources.ToDictionary(s => s.Key, s => s.Value.Definition.Role);
    }

    [Fact]
    public void Load_NoRoles_TheFirstSourceListedIsPrimary_TheOthersEnrich()
    {
        var roles = Roles(Config());

        Assert.Equal(SourceRole.Primary, roles["users"]);
        Assert.Equal(SourceRole.Enrich, roles["extras"]);
    }

    [Fact]
    public void Load_ALaterSourceSaysPrimary_TheOthersEnrich()
    {
        var roles = Roles(Config(extras: "    role: primary"));

        Assert.Equal(SourceRole.Enrich, roles["users"]);
        Assert.Equal(SourceRole.Primary, roles["extras"]);
    }

    [Fact]
    public void Load_TheFirstSourceSaysEnrich_TheFirstWithoutARoleIsPrimary()
    {
        var roles = Roles(Config(users: "    role: enrich"));

        Assert.Equal(SourceRole.Enrich, roles["users"]);
        Assert.Equal(SourceRole.Primary, roles["extras"]);
    }

    [Fact]
    public void Load_TwoPrimaries_NamesTheSecondsRoleLine()
    {
        var problem = Assert.Single(Parse(Config(users: "    role: primary", extras: "    role: primary")).Problems);

        Assert.Equal(
            "highwater.yaml:16 sources.extras.role: only one source can be primary, and users is: make this one enrich (its rows then add properties to users's profiles)",
            problem.ToString());
    }

    [Fact]
    public void Load_EveryRoleEnrich_IsAProblemAtTheFirstSource()
    {
        var problem = Assert.Single(Parse(Config(users: "    role: enrich", extras: "    role: enrich")).Problems);

        Assert.StartsWith("highwater.yaml:9 sources.users.role: no source is primary", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownRole_ListsTheChoices()
    {
        var problem = Assert.Single(Parse(Config(extras: "    role: secondary")).Problems);

        Assert.Equal("highwater.yaml:16 sources.extras.role: must be one of primary, enrich (was secondary)", problem.ToString());
    }

    [Fact]
    public void Load_DeletionsSource_IsPrimarySide_BesideThePrimary_AndCannotEnrich()
    {
        const string Deletions = """
              gone:
                kind: sqlite
                connection: app.db
                table: deleted_users
                key: id
                deletions: true
            """;

        var roles = Roles(Config(more: Deletions));
        var problem = Assert.Single(Parse(Config(more: Deletions + "\n    role: enrich")).Problems);

        Assert.Equal((SourceRole.Primary, SourceRole.Enrich, SourceRole.Primary), (roles["users"], roles["extras"], roles["gone"]));
        Assert.Contains("sources.gone.role: a deletions source deletes profiles", problem.ToString(), StringComparison.Ordinal);
    }
}
