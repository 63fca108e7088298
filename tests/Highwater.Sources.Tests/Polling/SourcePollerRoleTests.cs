using Highwater.Core.Profiles;
using Highwater.Sources.Reading;
using Highwater.Storage.Ingest;
using Highwater.Storage.Outbox;
using static Highwater.Sources.Tests.Polling.PollerFixture;

namespace Highwater.Sources.Tests.Polling;

/// <summary>A primary <c>users</c> source and an enrich <c>extras</c> source keyed by the same user: only the primary decides whether a profile exists.</summary>
public class SourcePollerRoleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Maps the enrich source's property, so taking it back is a change the destination sees.</summary>
    private static readonly DestinationScope Crm = new("crm", new HashSet<string> { "email", "first_name", "company" }, new HashSet<string>());

    private static async Task<SourceDefinition> ExtrasAsync(PollerFixture f, bool diffMode)
    {
        await f.ExecuteAsync("CREATE TABLE extras (user_id INTEGER PRIMARY KEY, company TEXT, deleted INTEGER NOT NULL DEFAULT 0, changed_at TEXT NOT NULL)");
        return new SourceDefinition
        {
            Name = "extras",
            Kind = SourceKind.Sqlite,
            Connection = $"Data Source={f.SourcePath}",
            Table = "extras",
            KeyColumn = "user_id",
            MarkColumn = diffMode ? null : "changed_at",
            DeletedColumn = "deleted",
            PropertyColumns = ["company"],
            Role = SourceRole.Enrich,
        };
    }

    private static Task UpsertExtrasAsync(PollerFixture f, int id, string company, DateTime at, bool deleted = false) =>
        f.ExecuteAsync(
            "INSERT INTO extras (user_id, company, deleted, changed_at) VALUES ($id, $company, $deleted, $at) " +
            "ON CONFLICT (user_id) DO UPDATE SET company = excluded.company, deleted = excluded.deleted, changed_at = excluded.changed_at",
            ("$id", id), ("$company", company), ("$deleted", deleted ? 1 : 0), ("$at", Iso(at)));

    private static async Task<IReadOnlyList<OutboxItem>> DrainAsync(PollerFixture f)
    {
        var claimed = await f.Store.Outbox.ClaimAsync("crm", OutboxLane.Live, 1000, "test", TimeSpan.FromMinutes(1), None);
        await f.Store.Outbox.CompleteAsync("crm", claimed.Select(c => new OutboxCompletion(c.ProfileKey, c.Version)).ToList(), None);
        return claimed;
    }

    [Fact]
    public async Task Poll_EnrichRowOfASoftDeletedUser_LeavesItDeleted_AndEnqueuesNothing()
    {
        await using var f = await PollerFixture.CreateAsync();
        var extras = await ExtrasAsync(f, diffMode: false);
        await f.UpsertUserAsync(1, "Ann", T0);
        await UpsertExtrasAsync(f, 1, "Acme", T0);
        var users = f.Poller(f.Users(), Crm);
        var enrich = f.Poller(extras, Crm);
        await users.PollAsync(None);
        await enrich.PollAsync(None);
        await f.UpsertUserAsync(1, "Ann", T0.AddMinutes(1), deleted: true);
        await users.PollAsync(None);
        Assert.Single(await DrainAsync(f));

        await UpsertExtrasAsync(f, 1, "Acme Inc", T0.AddMinutes(2));
        var report = await enrich.PollAsync(None);

        var profile = (await f.Store.Profiles.GetAsync(["1"], None))["1"];
        Assert.True(profile.Deleted);
        Assert.Equal("Acme Inc", profile.Properties["company"]);
        Assert.Equal((1L, 0L, 1L), (report.ProfilesChanged, report.OutboxWritten, report.WaitingForPrimary));
        Assert.Equal(0, (await f.Store.Outbox.DepthAsync("crm", null, None)).Waiting);
    }

    [Fact]
    public async Task Poll_EnrichRowVanishesInDiffMode_TakesBackItsPropertiesOnly_AndTheUserStays()
    {
        await using var f = await PollerFixture.CreateAsync();
        var extras = await ExtrasAsync(f, diffMode: true);
        await f.UpsertUserAsync(1, "Ann", T0);
        await UpsertExtrasAsync(f, 1, "Acme", T0);
        var enrich = f.Poller(extras, Crm);
        await f.Poller(f.Users(), Crm).PollAsync(None);
        await enrich.PollAsync(None);
        Assert.Equal("Acme", (await f.Store.Profiles.GetAsync(["1"], None))["1"].Properties["company"]);
        await DrainAsync(f);

        await f.ExecuteAsync("DELETE FROM extras WHERE user_id = 1");
        var report = await enrich.PollAsync(None);

        var profile = (await f.Store.Profiles.GetAsync(["1"], None))["1"];
        Assert.False(profile.Deleted);
        Assert.False(profile.Properties.ContainsKey("company"));
        Assert.Equal(("Ann", "u1@example.com"), (profile.Properties["first_name"], profile.Properties["email"]));
        Assert.Equal((1L, 1L), (report.Vanished, report.OutboxWritten));
        Assert.Equal("1", Assert.Single(await DrainAsync(f)).ProfileKey);
    }

    [Fact]
    public async Task Poll_EnrichRowSoftDeleted_TakesBackItsProperties_AndTheUserStays()
    {
        await using var f = await PollerFixture.CreateAsync();
        var extras = await ExtrasAsync(f, diffMode: false);
        await f.UpsertUserAsync(1, "Ann", T0);
        await UpsertExtrasAsync(f, 1, "Acme", T0);
        var enrich = f.Poller(extras, Crm);
        await f.Poller(f.Users(), Crm).PollAsync(None);
        await enrich.PollAsync(None);
        await DrainAsync(f);

        await UpsertExtrasAsync(f, 1, "Acme", T0.AddMinutes(1), deleted: true);
        await enrich.PollAsync(None);

        var profile = (await f.Store.Profiles.GetAsync(["1"], None))["1"];
        Assert.False(profile.Deleted);
        Assert.False(profile.Properties.ContainsKey("company"));
        Assert.Single(await DrainAsync(f));

        // Undeleted: it gives its property again.
        await UpsertExtrasAsync(f, 1, "Acme", T0.AddMinutes(2));
        await enrich.PollAsync(None);
        Assert.Equal("Acme", (await f.Store.Profiles.GetAsync(["1"], None))["1"].Properties["company"]);
    }

    [Fact]
    public async Task Poll_EnrichRowBeforeItsPrimaryRow_WaitsUnexported_ThenThePrimaryRowEnqueuesBoth()
    {
        await using var f = await PollerFixture.CreateAsync();
        var extras = await ExtrasAsync(f, diffMode: true);
        await UpsertExtrasAsync(f, 1, "Acme", T0);

        var waiting = await f.Poller(extras, Crm).PollAsync(None);

        Assert.Equal((1L, 0L), (waiting.WaitingForPrimary, waiting.OutboxWritten));
        Assert.True((await f.Store.Profiles.GetAsync(["1"], None))["1"].Deleted);
        Assert.Equal(0, (await f.Store.Outbox.DepthAsync("crm", null, None)).Waiting);

        await f.UpsertUserAsync(1, "Ann", T0.AddMinutes(1));
        var arrived = await f.Poller(f.Users(), Crm).PollAsync(None);

        Assert.Equal(1L, arrived.OutboxWritten);
        var profile = (await f.Store.Profiles.GetAsync(["1"], None))["1"];
        Assert.False(profile.Deleted);
        Assert.Equal(("Ann", "Acme"), (profile.Properties["first_name"], profile.Properties["company"]));
    }

    [Fact]
    public async Task Poll_EnrichRowVanishesBeforeItsPrimaryRowArrives_LeavesNothingToExport()
    {
        await using var f = await PollerFixture.CreateAsync();
        var extras = await ExtrasAsync(f, diffMode: true);
        await UpsertExtrasAsync(f, 1, "Acme", T0);
        var enrich = f.Poller(extras, Crm);
        await enrich.PollAsync(None);

        await f.ExecuteAsync("DELETE FROM extras WHERE user_id = 1");
        var report = await enrich.PollAsync(None);
        await f.UpsertUserAsync(1, "Ann", T0.AddMinutes(1));
        await f.Poller(f.Users(), Crm).PollAsync(None);

        Assert.Equal((1L, 0L), (report.Vanished, report.OutboxWritten));
        var profile = (await f.Store.Profiles.GetAsync(["1"], None))["1"];
        Assert.False(profile.Deleted);
        Assert.False(profile.Properties.ContainsKey("company"));
    }
}
