using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Engine.Samples;
using Highwater.Simulators.Mailchimp;

namespace Highwater.Engine.Tests.Mailchimp;

/// <summary>
/// The engine against the Mailchimp simulator: no lookups (a member's address is its e-mail's hash),
/// one batch subscribe a batch, e-mail changes at the old hash, deletes archive, groups as tags.
/// </summary>
public sealed class EngineMailchimpTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hw-mailchimp-" + Guid.NewGuid().ToString("N")[..10]);
    private MailchimpSimulator _mailchimp = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _mailchimp = await MailchimpSimulator.StartAsync(new MailchimpSimulatorOptions { BatchLatency = TimeSpan.FromSeconds(1) });
        _mailchimp.Seed(new MailchimpSeed { MergeFields = ["COUNTRY"] });
    }

    public async Task DisposeAsync()
    {
        await _mailchimp.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp folder.
        }
    }

    [Fact]
    public async Task Sync_InitialLoadThenAWave_Converges_LookingUpOnlyForTheEmailChanges_DeletedMembersArchived()
    {
        var app = new SampleDatabase(Path.Combine(_folder, "app.db"));
        await app.CreateAsync(120, seed: 3, CancellationToken.None);
        var path = Path.Combine(_folder, "highwater.yaml");
        var sim = new MailchimpSimulatorOptions();
        await File.WriteAllTextAsync(path, $$"""
            sources:
              users: { kind: sqlite, connection: app.db, table: users, key: id, mark: updated_at, columns: [email, first_name, country, plan], deleted: deleted }
            groups:
              paying: { rule: { property: plan, op: in, value: [pro, enterprise] } }
              trial: { rule: { property: plan, op: "=", value: trial } }
            destinations:
              audience:
                kind: mailchimp
                baseUrl: {{_mailchimp.BaseAddress}}
                credentials: { apiKey: "${MAILCHIMP_API_KEY}" }
                listId: {{sim.ListId}}
                foreignKey: email
                fields: { email: email, FNAME: first_name, COUNTRY: country }
                lists: { paying: Paying Customers, trial: Trial Users }
                batchSize: 50
            """);
        var loaded = ConfigLoader.Load(path);
        Assert.Empty(loaded.Problems);
        var options = new EngineOptions
        {
            Worker = "test-" + _folder,
            Environment = name => name == "MAILCHIMP_API_KEY" ? sim.ApiKey : null,
        };

        await using var engine = await HighwaterEngine.OpenAsync(loaded.Config!, options, CancellationToken.None);
        var first = (await engine.SyncOnceAsync(null, null, CancellationToken.None)).Exports[0];
        await app.ApplyAsync(new SampleDatabase.Wave(Edits: 10, NewUsers: 5, Deletions: 4, EmailChanges: 3, PlanMoves: 12), seed: 5, CancellationToken.None);
        var wave = (await engine.SyncOnceAsync(null, null, CancellationToken.None)).Exports[0];

        Assert.Equal((120, 0L, 0), (first.Exported, first.Waiting, first.Rejected + first.RetryLater));
        Assert.Equal((4, 0L, 0), (wave.Deleted, wave.Waiting, wave.Rejected + wave.RetryLater));
        Assert.DoesNotContain("lookup", first.Calls.Keys);
        Assert.Equal(3, first.Calls["upsert"]);

        var users = await app.LiveUsersAsync(CancellationToken.None);
        var members = _mailchimp.GetState().Records;
        var live = members.Where(m => m.Status != "archived").ToDictionary(m => m.Email, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(users.Count, live.Count);
        Assert.Equal(4, members.Count(m => m.Status == "archived"));
        foreach (var user in users)
        {
            var member = live[user.Email];
            Assert.Equal((user.FirstName, user.Country), (member.Fields.GetValueOrDefault("FNAME"), member.Fields.GetValueOrDefault("COUNTRY")));
            var want = user.Plan switch { "pro" or "enterprise" => ["Paying Customers"], "trial" => ["Trial Users"], _ => Array.Empty<string>() };
            Assert.Equal(want, member.Lists.Order(StringComparer.Ordinal));
        }

        // The three whose e-mail changed were moved, not copied: no member is left at an address no user has.
        Assert.Equal(users.Count + 4, members.Count);

        // The wave: its 4 deletes as one Batch Operation, its 3 e-mail changes a PATCH each after one
        // lookup of their 6 addresses (one Batch Operation: who holds the new ones, where the records
        // are), one batch subscribe for the edits and new users, and one segment call for each tag
        // whose members changed.
        Assert.Equal(new Dictionary<string, long> { ["delete"] = 1, ["listUpdate"] = 2, ["lookup"] = 1, ["update"] = 3, ["upsert"] = 1 }, wave.Calls);
    }
}
