using Highwater.Connectors.Marketo;
using Highwater.Core.Governor;
using Highwater.Core.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Core.Tests.Scheduling;

/// <summary>A Marketo governor (50,000 a day from midnight America/Chicago, 20% reserve), or another service's, and a scheduler on a fake clock at that midnight.</summary>
internal sealed class SchedulerFixture
{
    /// <summary>Midnight of 15 January 2026 in Chicago (CST, UTC−6).</summary>
    public static readonly DateTimeOffset Midnight = new(2026, 1, 15, 6, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset NextMidnight = Midnight.AddDays(1);

    public SchedulerFixture(Action<SchedulerOptions>? change = null, Action<RatePolicyOptions>? policy = null, RatePolicyOptions? service = null)
    {
        var policyOptions = service ?? MarketoService.Policy("marketo-1");
        policy?.Invoke(policyOptions);
        Governor = new RateGovernor(new RatePolicy(policyOptions), Ledger, Time);
        var options = new SchedulerOptions();
        change?.Invoke(options);
        Scheduler = new BatchScheduler("marketo", options, Governor, Time);
    }

    public FakeTimeProvider Time { get; } = new(Midnight);

    public InMemoryQuotaLedger Ledger { get; } = new();

    public RateGovernor Governor { get; }

    public BatchScheduler Scheduler { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Rows waiting, the oldest for <paramref name="waited"/>.</summary>
    public LaneDepth Depth(long waiting, TimeSpan waited = default) => new(waiting, waiting > 0 ? Now - waited : null);

    public ValueTask<ScheduleDecision> DecideAsync(LaneDepth live, LaneDepth backfill = default) =>
        Scheduler.DecideAsync(live, backfill, CancellationToken.None);

    /// <summary><paramref name="perMinute"/> new live rows in each of <paramref name="minutes"/> minutes.</summary>
    public void Arrive(int perMinute, int minutes)
    {
        for (var i = 0; i < minutes; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            Scheduler.RecordArrivals(Lane.Live, perMinute);
        }
    }

    /// <summary>Starts a live batch and ends it at once; fails the test unless it was paid.</summary>
    public async Task CostABatchAsync(int rows, int calls, Lane lane = Lane.Live)
    {
        var grant = await Scheduler.AcquireAsync(lane, rows, calls, CancellationToken.None);
        Assert.True(grant.IsGo, grant.Reason);
        grant.Lease?.Dispose();
    }

    public async Task<long> DayUsedAsync() =>
        (await Governor.GetSnapshotAsync(CancellationToken.None)).Windows.Single(w => w.Window == "day").Used;
}
