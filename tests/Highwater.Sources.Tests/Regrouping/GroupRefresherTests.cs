using System.Globalization;
using Highwater.Core.Groups;
using Highwater.Core.Profiles;
using Highwater.Sources.Regrouping;
using Highwater.Sources.Tests.TestDatabases;
using Highwater.Storage;
using Highwater.Storage.Ingest;
using Highwater.Storage.Profiles;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Sources.Tests.Regrouping;

/// <summary>The refresher on a real buffer store; each provider's class supplies fresh buffers.</summary>
public abstract class GroupRefresherTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly DestinationScope Marketo = new("marketo", new HashSet<string> { "email" }, new HashSet<string> { "active" });

    private static readonly DestinationScope Salesforce = new("salesforce", new HashSet<string> { "email" }, new HashSet<string>());

    private readonly FakeTimeProvider _time = new(T0);
    private IBufferStore _store = null!;

    protected TDatabase Database { get; } = database;

    public async Task InitializeAsync()
    {
        Database.EnsureAvailable();
        _store = BufferStoreFactory.Create(await NewBufferAsync(), _time);
        await _store.MigrateAsync(None);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
            await DropBufferAsync();
        }
    }

    [SkippableFact]
    public async Task Refresh_Day31_TheProfileLeavesTheGroup_AndOnlyTheDestinationMappingItGetsARow()
    {
        await PollAsync("ann", T0);                        // active on day 0, gone on day 31
        _time.Advance(TimeSpan.FromDays(20));
        await PollAsync("eve", _time.GetUtcNow());         // active on day 20, still on day 31
        await PollAsync("carol", null);                    // never active
        var refresher = Refresher(pageSize: 2);

        _time.Advance(TimeSpan.FromDays(9));
        var day29 = await refresher.RefreshAsync(None);
        _time.Advance(TimeSpan.FromDays(2));
        var day31 = await refresher.RefreshAsync(None);

        Assert.Equal((3L, 0L, 0L), (day29.ProfilesScanned, day29.ProfilesChanged, day29.OutboxWritten));
        Assert.Equal((3L, 1L, 1L, 0L), (day31.ProfilesScanned, day31.ProfilesChanged, day31.OutboxWritten, day31.Coalesced));
        Assert.Equal(T0.AddDays(31), day31.At);
        var profiles = await _store.Profiles.GetAsync(["ann", "eve", "carol"], None);
        Assert.Empty(profiles["ann"].Groups);
        Assert.Equal(T0.AddDays(31), profiles["ann"].UpdatedAt);
        Assert.Equal(["active"], profiles["eve"].Groups);
        Assert.Equal(["ann"], await WaitingAsync("marketo"));
        Assert.Empty(await WaitingAsync("salesforce"));
    }

    [SkippableFact]
    public async Task Refresh_ADateThatArrives_JoinsTheGroup()
    {
        await PollAsync("dave", T0.AddDays(5)); // a date in the future is not "within the last 30 days"
        _time.Advance(TimeSpan.FromDays(6));

        var report = await Refresher().RefreshAsync(None);

        Assert.Equal((1L, 1L), (report.ProfilesChanged, report.OutboxWritten));
        Assert.Equal(["active"], (await _store.Profiles.GetAsync(["dave"], None))["dave"].Groups);
    }

    [SkippableFact]
    public async Task Refresh_ARowStillWaiting_Coalesces_AndASecondRunChangesNothing()
    {
        await PollAsync("ann", T0, enqueue: true);
        _time.Advance(TimeSpan.FromDays(31));
        var refresher = Refresher();

        var first = await refresher.RefreshAsync(None);
        var second = await refresher.RefreshAsync(None);

        Assert.Equal((1L, 1L, 1L), (first.ProfilesChanged, first.OutboxWritten, first.Coalesced));
        Assert.Equal((1L, 0L, 0L), (second.ProfilesScanned, second.ProfilesChanged, second.OutboxWritten));
        Assert.Equal(["ann"], await WaitingAsync("marketo"));
    }

    [SkippableFact]
    public async Task Refresh_DeletedProfiles_AreLeftAlone()
    {
        await PollAsync("ann", T0, deleted: true);
        _time.Advance(TimeSpan.FromDays(31));

        var report = await Refresher().RefreshAsync(None);

        Assert.Equal((1L, 0L, 0L), (report.ProfilesScanned, report.ProfilesChanged, report.OutboxWritten));
    }

    [SkippableFact]
    public async Task Refresh_NoGroupDependsOnTime_ReadsNothing()
    {
        await PollAsync("ann", T0);
        var refresher = new GroupRefresher(
            _store,
            new GroupEvaluator([new GroupDefinition { Name = "pro", Rule = new Comparison("plan", ComparisonOperator.Equal, "pro") }], _time),
            [Marketo],
            _time,
            NullLogger<GroupRefresher>.Instance);
        _time.Advance(TimeSpan.FromDays(31));

        var report = await refresher.RefreshAsync(None);

        Assert.False(refresher.IsNeeded);
        Assert.Equal(0, report.ProfilesScanned);
    }

    [SkippableFact]
    public void Constructor_PageSizeOutOfRange_NamesIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new GroupRefresher(
            _store, Groups(), [Marketo], _time, NullLogger<GroupRefresher>.Instance, new GroupRefreshOptions { PageSize = 0 }));

        Assert.Contains("groupRefresh.pageSize: must be 1..100000 (was 0)", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A new, empty buffer database.</summary>
    protected abstract Task<string> NewBufferAsync();

    /// <summary>Removes the buffer <see cref="NewBufferAsync"/> made, once the store is closed.</summary>
    protected virtual Task DropBufferAsync() => Task.CompletedTask;

    private GroupEvaluator Groups() => new([new GroupDefinition { Name = "active", Rule = new WithinLast("last_login", TimeSpan.FromDays(30)) }], _time);

    private GroupRefresher Refresher(int pageSize = 1000) =>
        new(_store, Groups(), [Marketo, Salesforce], _time, NullLogger<GroupRefresher>.Instance, new GroupRefreshOptions { PageSize = pageSize });

    /// <summary>Stores a profile as a poll at the current time would: groups evaluated now.</summary>
    private async Task PollAsync(string key, DateTimeOffset? lastLogin, bool enqueue = false, bool deleted = false)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["email"] = $"{key}@example.com",
            ["last_login"] = lastLogin?.ToString("O", CultureInfo.InvariantCulture),
        };
        await _store.Ingest.CommitAsync(
            new IngestCommit
            {
                Source = "users",
                Profiles = [new StoredProfile(key, properties, Groups().Evaluate(properties), deleted, default)],
                Outbox = enqueue ? [new OutboxEntry("marketo", key)] : [],
            },
            None);
    }

    private async Task<IReadOnlyList<string>> WaitingAsync(string destination) =>
        [.. (await _store.Outbox.ClaimAsync(destination, OutboxLane.Live, 100, "test", TimeSpan.FromMinutes(1), None)).Select(item => item.ProfileKey)];
}
