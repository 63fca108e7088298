using Highwater.Sources.Reading;
using Highwater.Storage.Ingest;
using static Highwater.Sources.Tests.Polling.PollerFixture;

namespace Highwater.Sources.Tests.Polling;

public class SourcePollerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Poll_FirstTime_StoresProfilesEnqueuesEveryDestinationAndAdvancesTheMark()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        await f.UpsertUserAsync(2, "Bob", T0.AddSeconds(1));

        var report = await f.Poller(f.Users()).PollAsync(None);

        Assert.Equal((2L, 2L, 4L, 0L), (report.RowsRead, report.ProfilesChanged, report.OutboxWritten, report.Coalesced));
        Assert.Equal(("2", Iso(T0.AddSeconds(1))), (report.Mark!.Key, report.Mark.Mark[..23] + "Z"));
        var state = await f.Store.Sources.GetAsync("users", None);
        Assert.Equal(report.Mark, state!.Mark);
        var profiles = await f.Store.Profiles.GetAsync(["1", "2"], None);
        Assert.Equal("Ann", profiles["1"].Properties["first_name"]);
        Assert.Equal(2, (await f.Store.Outbox.DepthAsync("marketo", null, None)).Waiting);
    }

    [Fact]
    public async Task Poll_NothingNew_ReadsNothingAndWritesNothing()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        var poller = f.Poller(f.Users());
        await poller.PollAsync(None);

        var report = await poller.PollAsync(None);

        Assert.Equal((0L, 0L, 0L), (report.RowsRead, report.ProfilesChanged, report.OutboxWritten));
    }

    [Fact]
    public async Task Poll_ManyRowsSharingOneTimestamp_ReadsEachExactlyOnceAcrossPages()
    {
        await using var f = await PollerFixture.CreateAsync();
        for (var id = 1; id <= 250; id++)
        {
            await f.UpsertUserAsync(id, $"U{id}", T0);
        }

        var report = await f.Poller(f.Users(pageSize: 7)).PollAsync(None);

        Assert.Equal((250L, 250L), (report.RowsRead, report.ProfilesChanged));
        Assert.Equal(250, await f.Store.Profiles.CountAsync(None));
        Assert.Equal("250", report.Mark!.Key);
    }

    [Fact]
    public async Task Poll_LookBack_ReReadsTheWindowButUnchangedRowsCostNothing()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        await f.UpsertUserAsync(2, "Bob", T0.AddMinutes(1));
        var poller = f.Poller(f.Users(lookBack: "5m"));
        await poller.PollAsync(None);

        var report = await poller.PollAsync(None);

        Assert.Equal((2L, 2L, 0L, 0L), (report.RowsRead, report.RowsUnchanged, report.ProfilesChanged, report.OutboxWritten));
        Assert.Equal("2", report.Mark!.Key); // the mark never moves back
    }

    [Fact]
    public async Task Poll_LateCommitWithinTheLookBack_IsCaught()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(2, "Bob", T0.AddMinutes(2));
        var poller = f.Poller(f.Users(lookBack: "5m"));
        await poller.PollAsync(None);

        // A transaction that began earlier commits now, with an updated_at behind the mark.
        await f.UpsertUserAsync(1, "Ann", T0);
        var report = await poller.PollAsync(None);

        Assert.Equal(1L, report.ProfilesChanged);
        Assert.Contains("1", (await f.Store.Profiles.GetAsync(["1"], None)).Keys);
    }

    [Fact]
    public async Task Poll_WithoutLookBack_LateCommitBehindTheMarkIsNotRead()
    {
        // The control for the test above: it is the look-back that catches the late row.
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(2, "Bob", T0.AddMinutes(2));
        var poller = f.Poller(f.Users());
        await poller.PollAsync(None);
        await f.UpsertUserAsync(1, "Ann", T0);

        Assert.Equal(0L, (await poller.PollAsync(None)).ProfilesChanged);
    }

    [Fact]
    public async Task Poll_UnmappedPropertyChange_StoresTheProfileButEnqueuesNothing()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        var poller = f.Poller(f.Users());
        await poller.PollAsync(None);
        await DrainAsync(f);

        await f.UpsertUserAsync(1, "Ann", T0.AddMinutes(1), lastLogin: "today");
        var report = await poller.PollAsync(None);

        Assert.Equal((1L, 0L), (report.ProfilesChanged, report.OutboxWritten));
    }

    [Fact]
    public async Task Poll_ChangeOnlyOneDestinationMaps_EnqueuesOnlyThatOne()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        var poller = f.Poller(f.Users());
        await poller.PollAsync(None);
        await DrainAsync(f);

        await f.UpsertUserAsync(1, "Anne", T0.AddMinutes(1)); // first_name: Marketo maps it, Salesforce does not
        await poller.PollAsync(None);

        Assert.Equal(1, (await f.Store.Outbox.DepthAsync("marketo", null, None)).Waiting);
        Assert.Equal(0, (await f.Store.Outbox.DepthAsync("salesforce", null, None)).Waiting);
    }

    [Fact]
    public async Task Poll_GroupChange_EnqueuesTheDestinationThatMapsTheGroup()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        var poller = f.Poller(f.Users(), Marketo);
        await poller.PollAsync(None);
        await DrainAsync(f);

        await f.UpsertUserAsync(1, "Ann", T0.AddMinutes(1), plan: "pro");
        await poller.PollAsync(None);

        Assert.Equal(["pro"], (await f.Store.Profiles.GetAsync(["1"], None))["1"].Groups);
        Assert.Equal(1, (await f.Store.Outbox.DepthAsync("marketo", null, None)).Waiting);
    }

    [Fact]
    public async Task Poll_ManyEditsBetweenFlushes_CoalesceIntoOneOutboxRow()
    {
        await using var f = await PollerFixture.CreateAsync();
        var poller = f.Poller(f.Users(), Marketo);
        for (var edit = 0; edit < 50; edit++)
        {
            await f.UpsertUserAsync(1, $"Ann{edit}", T0.AddSeconds(edit));
            await poller.PollAsync(None);
        }

        var depth = await f.Store.Outbox.DepthAsync("marketo", null, None);
        Assert.Equal(1, depth.Waiting);
        var claimed = Assert.Single(await f.Store.Outbox.ClaimAsync("marketo", OutboxLane.Live, 10, "w", TimeSpan.FromMinutes(1), None));
        Assert.Equal(50, claimed.Version);
    }

    [Fact]
    public async Task Poll_SoftDelete_MarksTheProfileDeletedAndEnqueuesIt()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        var poller = f.Poller(f.Users(), Marketo);
        await poller.PollAsync(None);
        await DrainAsync(f);

        await f.UpsertUserAsync(1, "Ann", T0.AddMinutes(1), deleted: true);
        await poller.PollAsync(None);

        Assert.True((await f.Store.Profiles.GetAsync(["1"], None))["1"].Deleted);
        Assert.Equal(1, (await f.Store.Outbox.DepthAsync("marketo", null, None)).Waiting);
    }

    [Fact]
    public async Task Poll_TwoSources_MergeIntoOneProfile()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        await f.ExecuteAsync("CREATE TABLE billing (user_id INTEGER PRIMARY KEY, plan TEXT, changed_at TEXT NOT NULL)");
        await f.ExecuteAsync("INSERT INTO billing VALUES (1, 'pro', $at)", ("$at", Iso(T0)));
        var billing = new SourceDefinition
        {
            Name = "billing",
            Kind = SourceKind.Sqlite,
            Connection = $"Data Source={f.SourcePath}",
            Table = "billing",
            KeyColumn = "user_id",
            MarkColumn = "changed_at",
            PropertyColumns = ["plan"],
        };

        await f.Poller(f.Users(), Marketo).PollAsync(None);
        await f.Poller(billing, Marketo).PollAsync(None);

        var profile = (await f.Store.Profiles.GetAsync(["1"], None))["1"];
        Assert.Equal(("Ann", "pro"), (profile.Properties["first_name"], profile.Properties["plan"]));
        Assert.Equal(["pro"], profile.Groups);
    }

    [Fact]
    public async Task Poll_CsvDiffMode_FindsNewChangedAndVanishedKeys()
    {
        await using var f = await PollerFixture.CreateAsync();
        var csv = Path.Combine(Path.GetDirectoryName(f.SourcePath)!, "users.csv");
        var source = new SourceDefinition { Name = "csv", Kind = SourceKind.Csv, Connection = csv, KeyColumn = "id", PageSize = 2 };
        var poller = f.Poller(source, Marketo);
        await File.WriteAllTextAsync(csv, "id,email,first_name\n1,a@x.com,Ann\n2,b@x.com,Bob\n3,c@x.com,Cy\n");
        Assert.Equal(3L, (await poller.PollAsync(None)).ProfilesChanged);
        await DrainAsync(f);

        await File.WriteAllTextAsync(csv, "id,email,first_name\n1,a@x.com,Ann\n3,c@x.com,Cyd\n4,d@x.com,Di\n");
        var report = await poller.PollAsync(None);

        Assert.Equal((3L, 1L, 1L, 3L), (report.RowsRead, report.RowsUnchanged, report.Vanished, report.ProfilesChanged));
        var profiles = await f.Store.Profiles.GetAsync(["2", "3", "4"], None);
        Assert.True(profiles["2"].Deleted);
        Assert.Equal("Cyd", profiles["3"].Properties["first_name"]);
        Assert.Equal(3, (await f.Store.Outbox.DepthAsync("marketo", null, None)).Waiting);
    }

    [Fact]
    public async Task Poll_CommitFails_MarkStaysAndTheNextPollLosesNothing()
    {
        await using var f = await PollerFixture.CreateAsync();
        for (var id = 1; id <= 10; id++)
        {
            await f.UpsertUserAsync(id, $"U{id}", T0.AddSeconds(id));
        }

        // The third page's commit fails, as a crash there would.
        var failing = new FailingStore(f.Store, failOnCommit: 3);
        var poller = new Highwater.Sources.Polling.SourcePoller(
            SourceReaderFactory.Create(f.Users(pageSize: 3)), failing,
            new Highwater.Core.Profiles.ProfileMerger(new Highwater.Core.Groups.GroupEvaluator([], f.Time)),
            [Marketo], f.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<Highwater.Sources.Polling.SourcePoller>.Instance);
        await Assert.ThrowsAsync<IOException>(() => poller.PollAsync(None));
        Assert.Equal("6", (await f.Store.Sources.GetAsync("users", None))!.Mark!.Key);

        var report = await f.Poller(f.Users(pageSize: 3), Marketo).PollAsync(None);

        Assert.Equal((4L, 4L), (report.RowsRead, report.ProfilesChanged));
        Assert.Equal(10, (await f.Store.Outbox.DepthAsync("marketo", null, None)).Waiting);
    }

    private static async Task DrainAsync(PollerFixture f)
    {
        foreach (var destination in new[] { "marketo", "salesforce" })
        {
            var claimed = await f.Store.Outbox.ClaimAsync(destination, OutboxLane.Live, 1000, "test", TimeSpan.FromMinutes(1), None);
            await f.Store.Outbox.CompleteAsync(destination, claimed.Select(c => new Highwater.Storage.Outbox.OutboxCompletion(c.ProfileKey, c.Version)).ToList(), None);
        }
    }
}
