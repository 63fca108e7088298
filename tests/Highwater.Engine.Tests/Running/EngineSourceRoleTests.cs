using Highwater.Engine.Running;
using Highwater.Engine.Samples;
using Highwater.Simulators.Marketo;
using Microsoft.Data.Sqlite;

namespace Highwater.Engine.Tests.Running;

/// <summary>
/// Two sources keyed by the same user, end to end on the Marketo simulator: the sample's
/// <c>users</c> (primary: it creates and deletes leads) and an <c>extras(user_id, company)</c> table
/// in diff mode (enrich: it only adds the company). Every test asserts what the simulator holds.
/// </summary>
public sealed class EngineSourceRoleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private const string Extras = """
          extras:
            kind: sqlite
            connection: app.db
            table: extras
            key: user_id
            columns: [company]
            deleted: deleted
        """;

    private static async Task<EngineFixture> CreateAsync(int users)
    {
        var f = await EngineFixture.CreateAsync(users);
        var config = SampleProject.Config(f.Marketo.BaseAddress)
            .Replace("    pollInterval: 30s\n", "    pollInterval: 30s\n" + Extras + "\n", StringComparison.Ordinal)
            .Replace("fields: { email: email, firstName: first_name, country: country }", "fields: { email: email, firstName: first_name, country: country, company: company }", StringComparison.Ordinal);
        Assert.Contains("table: extras", config, StringComparison.Ordinal);
        Assert.Contains("company: company", config, StringComparison.Ordinal);
        await File.WriteAllTextAsync(f.ConfigPath, config);
        await ExecuteAsync(f, "CREATE TABLE extras (user_id INTEGER PRIMARY KEY, company TEXT, deleted INTEGER NOT NULL DEFAULT 0)");
        return f;
    }

    private static async Task ExecuteAsync(EngineFixture f, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = f.App.Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    private static MarketoSimRecord? Lead(EngineFixture f, long user)
    {
        var matches = f.Marketo.GetState().Records.Where(r => string.Equals(r.Email, $"user{user}@example.com", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(matches.Count <= 1, $"user {user} has {matches.Count} leads");
        return matches.SingleOrDefault();
    }

    private static async Task<SyncReport> SyncAsync(HighwaterEngine engine)
    {
        var report = await engine.SyncOnceAsync(null, null, None);
        Assert.False(report.Failed, string.Join("; ", report.Exports.SelectMany(e => e.Failures.Append(e.Error ?? ""))));
        return report;
    }

    [Fact]
    public async Task Sync_SoftDeletedUserWhoseExtrasRowChanges_StaysDeletedInMarketo()
    {
        await using var f = await CreateAsync(users: 3);
        await ExecuteAsync(f, "INSERT INTO extras (user_id, company) VALUES (1, 'Acme'), (2, 'Initech'), (3, 'Hooli')");
        await using var engine = await f.OpenAsync();
        await SyncAsync(engine);
        Assert.Equal("Acme", Lead(f, 1)!.Fields!["company"]);

        await ExecuteAsync(f, $"UPDATE users SET deleted = 1, updated_at = {Now} WHERE id = 1");
        await SyncAsync(engine);
        Assert.Null(Lead(f, 1));

        await ExecuteAsync(f, "UPDATE extras SET company = 'Acme Inc' WHERE user_id = 1");
        var report = await SyncAsync(engine);

        Assert.Null(Lead(f, 1));
        Assert.Equal(2, f.Marketo.GetState().Records.Count);
        Assert.Equal(1L, report.Polls.Single(p => p.Source == "extras").WaitingForPrimary);
        Assert.Equal(0, report.Exports[0].Rows);
    }

    [Fact]
    public async Task Sync_LiveUsersExtrasRowRemovedInDiffMode_KeepsTheLead_AndClearsOnlyTheCompany()
    {
        await using var f = await CreateAsync(users: 3);
        await ExecuteAsync(f, "INSERT INTO extras (user_id, company) VALUES (1, 'Acme'), (2, 'Initech')");
        await using var engine = await f.OpenAsync();
        await SyncAsync(engine);
        var before = Lead(f, 1)!;
        Assert.Equal("Acme", before.Fields!["company"]);

        await ExecuteAsync(f, "DELETE FROM extras WHERE user_id = 1");
        var report = await SyncAsync(engine);

        var after = Lead(f, 1);
        Assert.NotNull(after);
        Assert.Equal(before.Id, after.Id);
        var fields = Assert.IsAssignableFrom<IReadOnlyDictionary<string, string?>>(after.Fields);
        Assert.Null(fields.GetValueOrDefault("company"));
        Assert.Equal(before.Fields["firstName"], fields["firstName"]);
        Assert.Equal(before.Lists, after.Lists);
        Assert.Equal("Initech", Lead(f, 2)!.Fields!["company"]);
        Assert.Equal(3, f.Marketo.GetState().Records.Count);
        Assert.Equal((1, 0), (report.Exports[0].Exported, report.Exports[0].Deleted));
        Assert.Empty(await f.DifferencesAsync());
    }

    [Fact]
    public async Task Sync_ExtrasRowBeforeItsUsersRow_ExportsNothingUntilTheUserArrives_ThenOneLeadWithBoth()
    {
        await using var f = await CreateAsync(users: 2);
        await ExecuteAsync(f, "INSERT INTO extras (user_id, company) VALUES (3, 'Hooli')");
        await using var engine = await f.OpenAsync();

        var first = await SyncAsync(engine);

        Assert.Equal(1L, first.Polls.Single(p => p.Source == "extras").WaitingForPrimary);
        Assert.Null(Lead(f, 3));
        Assert.Equal(2, f.Marketo.GetState().Records.Count);
        Assert.DoesNotContain(f.Marketo.GetState().Records, r => r.Fields?.GetValueOrDefault("company") == "Hooli");

        await ExecuteAsync(f, $"INSERT INTO users (id, email, first_name, country, plan, updated_at) VALUES (3, 'user3@example.com', 'Cy', 'NL', 'pro', {Now})");
        var second = await SyncAsync(engine);

        var lead = Lead(f, 3);
        Assert.NotNull(lead);
        Assert.Equal(("Cy", "NL", "Hooli"), (lead.Fields!["firstName"], lead.Fields["country"], lead.Fields["company"]));
        Assert.Equal(["Paying Customers"], lead.Lists);
        Assert.Equal(3, f.Marketo.GetState().Records.Count);
        Assert.Equal(1, second.Exports[0].Exported);
        Assert.Empty(await f.DifferencesAsync());
    }
}
