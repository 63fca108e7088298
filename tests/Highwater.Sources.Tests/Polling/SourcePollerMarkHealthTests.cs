using Highwater.Sources.Polling;
using Highwater.Sources.Reading;
using Microsoft.Extensions.Logging;
using static Highwater.Sources.Tests.Polling.PollerFixture;

namespace Highwater.Sources.Tests.Polling;

/// <summary>Marks that lie: a row ahead of the source's clock, rows with no usable mark (issue 15, item 4b).</summary>
public class SourcePollerMarkHealthTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly DateTime Y2031 = new(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Poll_RowAheadOfTheClock_IsExportedButTheMarkStays()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        await f.UpsertUserAsync(31, "Zed", Y2031);

        var report = await f.Poller(f.Users()).PollAsync(None);

        Assert.Equal((2L, 2L, 4L), (report.RowsRead, report.ProfilesChanged, report.OutboxWritten));
        Assert.Equal("1", report.Mark!.Key);
        Assert.Equal("1", (await f.Store.Sources.GetAsync("users", None))!.Mark!.Key);
        Assert.Equal(["1 row ahead of the clock (key 31, 2031-01-01T00:00:00Z)"], MarkHealthText.Lines(report.Health, "users"));
        Assert.Equal(report.Health, (await f.Store.Sources.GetAsync("users", None))!.Health);
    }

    [Fact]
    public async Task Poll_AfterARowAheadOfTheClock_AnEditOfAnotherRowIsRead_AndTheRowReReadCostsNothing()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        await f.UpsertUserAsync(31, "Zed", Y2031);
        var poller = f.Poller(f.Users());
        await poller.PollAsync(None);

        f.Time.Advance(TimeSpan.FromMinutes(1));
        await f.UpsertUserAsync(1, "Anne", T0.AddMinutes(1));
        var report = await poller.PollAsync(None);

        // Row 1's edit (behind 2031) is read; row 31 is read again but its content is stored: no outbox row for it.
        Assert.Equal((2L, 1L, 1L), (report.RowsRead, report.RowsUnchanged, report.ProfilesChanged));
        Assert.Equal("Anne", (await f.Store.Profiles.GetAsync(["1"], None))["1"].Properties["first_name"]);
        Assert.Equal(("1", Iso(T0.AddMinutes(1))), (report.Mark!.Key, report.Mark.Mark[..23] + "Z"));
        Assert.Equal(1L, report.Health!.RowsAhead);

        // Nothing new: only row 31 is read again, and nothing is written for it.
        var quiet = await poller.PollAsync(None);
        Assert.Equal((1L, 1L, 0L, 0L), (quiet.RowsRead, quiet.RowsUnchanged, quiet.ProfilesChanged, quiet.OutboxWritten));
    }

    [Fact]
    public async Task Poll_WhenTheClockReachesTheRow_TheMarkMovesToItAndTheReportClears()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        await f.UpsertUserAsync(31, "Zed", Y2031);
        var logger = new ListLogger<SourcePoller>();
        var poller = f.Poller(f.Users(), logger);
        await poller.PollAsync(None);

        f.Time.SetUtcNow(new DateTimeOffset(Y2031.AddMinutes(-5)));
        var report = await poller.PollAsync(None);

        Assert.Equal("31", report.Mark!.Key);
        Assert.Null(report.Health);
        Assert.Null((await f.Store.Sources.GetAsync("users", None))!.Health);
        Assert.Contains((LogLevel.Information, "Source users: every row's mark is usable again"), logger.Lines);
        Assert.Equal((0L, 0L), ((await poller.PollAsync(None)).RowsRead, report.OutboxWritten));
    }

    [Theory]
    [InlineData(4, "2")]
    [InlineData(6, "1")]
    public async Task Poll_MaxFutureSkew_DecidesHowFarAheadTheMarkMayMove(int minutesAhead, string markKey)
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        await f.UpsertUserAsync(2, "Bob", T0.AddMinutes(minutesAhead));

        var report = await f.Poller(f.Users() with { MaxFutureSkew = TimeSpan.FromMinutes(5) }).PollAsync(None);

        Assert.Equal(markKey, report.Mark!.Key);
        Assert.Equal(2L, report.RowsRead);
    }

    [Fact]
    public async Task Poll_RowAheadOfTheClock_WarnsOnceNotEveryPoll()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        await f.UpsertUserAsync(31, "Zed", Y2031);
        var logger = new ListLogger<SourcePoller>();
        var poller = f.Poller(f.Users(), logger);

        for (var i = 0; i < 3; i++)
        {
            await poller.PollAsync(None);
            f.Time.Advance(TimeSpan.FromMinutes(1));
        }

        // A new poller (a restart) reads what was reported from the buffer: no second warning either.
        await f.Poller(f.Users(), logger).PollAsync(None);

        var warnings = logger.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message).ToList();
        Assert.Equal(["Source users: 1 row ahead of the clock (key 31, 2031-01-01T00:00:00Z)"], warnings);
    }

    [Fact]
    public async Task Poll_RowsWithoutAMark_AreCountedAtMostEveryTenMinutesByOnePoller()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.ExecuteAsync("CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, updated_at TEXT NULL)");
        await f.ExecuteAsync("INSERT INTO people (id, email, updated_at) VALUES (1, 'a@example.com', NULL)");
        var poller = f.Poller(f.Users() with { Name = "people", Table = "people", DeletedColumn = null });
        Assert.Equal(1L, (await poller.PollAsync(None)).Health!.RowsUnmarked);

        await f.ExecuteAsync("INSERT INTO people (id, email, updated_at) VALUES (2, 'b@example.com', NULL)");
        f.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(1L, (await poller.PollAsync(None)).Health!.RowsUnmarked);

        f.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2L, (await poller.PollAsync(None)).Health!.RowsUnmarked);
    }

    [Fact]
    public async Task Poll_ANewProblem_WarnsOfItAlone()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.ExecuteAsync("CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, updated_at TEXT NULL)");
        await f.ExecuteAsync("INSERT INTO people (id, email, updated_at) VALUES (1, 'a@example.com', NULL), (31, 'z@example.com', '2031-01-01T00:00:00Z')");
        var people = f.Users() with { Name = "people", Table = "people", DeletedColumn = null };
        var logger = new ListLogger<SourcePoller>();
        await f.Poller(people, logger).PollAsync(None);

        await f.ExecuteAsync("INSERT INTO people (id, email, updated_at) VALUES (32, 'y@example.com', '2031-02-01T00:00:00Z')");
        await f.Poller(people, logger).PollAsync(None);

        Assert.Equal(
            [
                "Source people: 1 row ahead of the clock (key 31, 2031-01-01T00:00:00Z)",
                "Source people: 1 row without a usable mark (key 1)",
                "Source people: 2 rows ahead of the clock (keys 31, 32; furthest 2031-02-01T00:00:00Z)",
            ],
            logger.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message));
    }

    [Fact]
    public async Task Poll_ManyRowsAheadAcrossPages_CountsThemAllAndNamesTheFirst()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        for (var id = 100; id < 112; id++)
        {
            await f.UpsertUserAsync(id, $"U{id}", Y2031.AddDays(id - 100));
        }

        var report = await f.Poller(f.Users(pageSize: 5)).PollAsync(None);

        Assert.Equal("1", report.Mark!.Key);
        Assert.Equal(13L, report.RowsRead);
        Assert.Equal(
            ["12 rows ahead of the clock (keys 100, 101, 102, 103, 104 and 7 more; furthest 2031-01-12T00:00:00Z)"],
            MarkHealthText.Lines(report.Health, "users"));
    }

    [Fact]
    public async Task Poll_RowsWithNullOrUnreadableMarks_AreCountedAndNamed()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.ExecuteAsync("CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, updated_at TEXT NULL)");
        await f.ExecuteAsync(
            "INSERT INTO people (id, email, updated_at) VALUES (1, 'a@example.com', $t0), (7, 'b@example.com', NULL), (9, 'c@example.com', 'last tuesday')",
            ("$t0", Iso(T0)));
        var people = f.Users() with { Name = "people", Table = "people", DeletedColumn = null };
        var logger = new ListLogger<SourcePoller>();

        var report = await f.Poller(people, logger).PollAsync(None);

        Assert.Equal((1L, "1"), (report.RowsRead, report.Mark!.Key));
        Assert.Equal(["2 rows without a usable mark (keys 7, 9)"], MarkHealthText.Lines(report.Health, "people"));
        Assert.Equal([(LogLevel.Warning, "Source people: 2 rows without a usable mark (keys 7, 9)")], logger.Lines.Where(l => l.Level == LogLevel.Warning));

        await f.ExecuteAsync("UPDATE people SET updated_at = $t WHERE id IN (7, 9)", ("$t", Iso(T0.AddMinutes(1))));
        var fixedUp = await f.Poller(people).PollAsync(None);
        Assert.Equal((2L, null), (fixedUp.RowsRead, fixedUp.Health));
    }

    [Fact]
    public async Task Poll_StoredMarkAheadOfTheClock_SaysHowToMoveItBack()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        await f.Store.Sources.SetMarkAsync("users", new Highwater.Storage.Marks.SourceMark("2031-01-01T00:00:00.0000000Z", "31"), None);

        var report = await f.Poller(f.Users()).PollAsync(None);

        Assert.Equal(0L, report.RowsRead);
        Assert.Equal(
            ["the mark 2031-01-01T00:00:00Z is ahead of the clock: rows changed before it are not read (move it back with: highwater marks reset users)"],
            MarkHealthText.Lines(report.Health, "users"));
    }

    [Fact]
    public async Task Poll_IntegerMark_HasNoClockToBeAheadOf()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.ExecuteAsync("CREATE TABLE versions (id INTEGER PRIMARY KEY, email TEXT, version INTEGER)");
        await f.ExecuteAsync("INSERT INTO versions (id, email, version) VALUES (1, 'a@example.com', 5), (2, 'b@example.com', 99999999999)");
        var source = f.Users() with { Table = "versions", MarkColumn = "version", MarkKind = MarkKind.Integer, DeletedColumn = null };

        var report = await f.Poller(source).PollAsync(None);

        Assert.Equal(("2", "99999999999", null), (report.Mark!.Key, report.Mark.Mark, report.Health));
    }

    [Fact]
    public async Task Poll_HardDeleteInMarkMode_IsNotSeen_AsTheDocsSay()
    {
        await using var f = await PollerFixture.CreateAsync();
        await f.UpsertUserAsync(1, "Ann", T0);
        await f.UpsertUserAsync(2, "Bob", T0.AddSeconds(1));
        var poller = f.Poller(f.Users(lookBack: "5m"));
        await poller.PollAsync(None);
        var waiting = (await f.Store.Outbox.DepthAsync("marketo", null, None)).Waiting;

        await f.ExecuteAsync("DELETE FROM users WHERE id = 1");
        var report = await poller.PollAsync(None);

        Assert.Equal((0L, 0L), (report.ProfilesChanged, report.OutboxWritten));
        Assert.False((await f.Store.Profiles.GetAsync(["1"], None))["1"].Deleted);
        Assert.Equal(waiting, (await f.Store.Outbox.DepthAsync("marketo", null, None)).Waiting);
        Assert.Null(report.Health);
    }
}
