using Highwater.Connectors.Marketo;
using Highwater.Core.Governor;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Core.Tests.Governor;

public class RateGovernorTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 20, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ChicagoMidnight = new(2026, 1, 16, 6, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryQuotaLedger _ledger = new();

    private RateGovernor Marketo(Action<RatePolicyOptions>? change = null)
    {
        var options = MarketoService.Policy("marketo-1");
        change?.Invoke(options);
        return new RateGovernor(new RatePolicy(options), _ledger, _time);
    }

    private static async Task<List<GovernorLease>> HoldAsync(RateGovernor governor, int leases)
    {
        var held = new List<GovernorLease>();
        for (var i = 0; i < leases; i++)
        {
            var decision = await governor.TryAcquireAsync(1, CancellationToken.None);
            Assert.True(decision.IsGo, $"lease {i + 1} waited ({decision.Reason})");
            held.Add(decision.Lease);
        }

        return held;
    }

    [Fact]
    public async Task TryAcquire_TenCallsInFlight_EleventhWaitsForASlot()
    {
        var governor = Marketo();
        var held = await HoldAsync(governor, 10);

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);

        Assert.Equal((GovernorWaitReason.ConcurrencyLimit, Start), (decision.Reason, decision.Until));
        held[3].Dispose();
        var after = await governor.TryAcquireAsync(1, CancellationToken.None);
        Assert.True(after.IsGo);
        after.Lease.Dispose();
    }

    [Fact]
    public async Task Dispose_Twice_FreesOneSlot()
    {
        var governor = Marketo(o => o.ConcurrencyLimit = 2);
        var held = await HoldAsync(governor, 2);

        held[0].Dispose();
        held[0].Dispose();

        await HoldAsync(governor, 1);
        Assert.Equal(GovernorWaitReason.ConcurrencyLimit, (await governor.TryAcquireAsync(1, CancellationToken.None)).Reason);
    }

    [Fact]
    public async Task TryAcquire_WaitingForASlot_CountsNoCall()
    {
        var governor = Marketo(o => o.ConcurrencyLimit = 1);
        using var held = (await governor.TryAcquireAsync(1, CancellationToken.None)).Lease!;

        for (var i = 0; i < 50; i++)
        {
            Assert.False((await governor.TryAcquireAsync(1, CancellationToken.None)).IsGo);
        }

        var snapshot = await governor.GetSnapshotAsync(CancellationToken.None);
        Assert.All(snapshot.Windows, w => Assert.Equal(1, w.Used));
        Assert.Equal((1, 1), (snapshot.InFlight, snapshot.ConcurrencyLimit));
    }

    [Fact]
    public async Task AcquireAsync_AllSlotsTaken_ReturnsWhenOneIsReleased()
    {
        var governor = Marketo(o => o.ConcurrencyLimit = 1);
        var held = (await governor.TryAcquireAsync(1, CancellationToken.None)).Lease!;

        var waiting = governor.AcquireAsync(1, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        held.Dispose();

        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, lease.Calls);
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_StopsWaiting()
    {
        var governor = Marketo();
        for (var i = 0; i < 100; i++)
        {
            (await governor.TryAcquireAsync(1, CancellationToken.None)).Lease!.Dispose();
        }

        using var cancel = new CancellationTokenSource();
        var waiting = governor.AcquireAsync(1, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task TryAcquire_BothWindowsFull_WaitsForTheLaterOne()
    {
        // Marketo with a day of 50 calls, 40 usable: the 20 s window allows 100.
        var governor = Marketo(o => o.CalendarWindows[0].Limit = 50);
        await HoldAndReleaseAsync(governor, 40);

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);

        Assert.Equal((GovernorWaitReason.WindowFull, "day", ChicagoMidnight), (decision.Reason, decision.Window, decision.Until));
    }

    [Fact]
    public async Task TryAcquire_ShortWindowBinds_NamesIt()
    {
        var governor = Marketo();
        await HoldAndReleaseAsync(governor, 100);

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);

        Assert.Equal((GovernorWaitReason.WindowFull, "20s", Start.AddSeconds(21)) /* with the 1 s arrival guard */, (decision.Reason, decision.Window, decision.Until));
    }

    [Fact]
    public async Task TryAcquire_LedgerRefusesAfterAnotherWorkerSpentTheDay_TakesBackTheShortWindowsCount()
    {
        var governor = Marketo(o => o.CalendarWindows[0].Limit = 50);
        await HoldAndReleaseAsync(governor, 1);

        // Another worker spends the rest of the day; our cached count still says 1.
        var other = Marketo(o => o.CalendarWindows[0].Limit = 50);
        await HoldAndReleaseAsync(other, 39);
        var decision = await governor.TryAcquireAsync(5, CancellationToken.None);

        Assert.Equal((GovernorWaitReason.WindowFull, "day", ChicagoMidnight), (decision.Reason, decision.Window, decision.Until));
        var snapshot = await governor.GetSnapshotAsync(CancellationToken.None);
        Assert.Equal((1L, 40L), (snapshot.Windows[0].Used, snapshot.Windows[1].Used));
        Assert.Equal(0, snapshot.InFlight);
    }

    [Fact]
    public async Task Report_MarketoRateExceeded_PausesTheShortWindowByDefault()
    {
        var governor = Marketo();

        await governor.ReportAsync(ServiceSignal.RateWindowExceeded(), CancellationToken.None);

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);
        Assert.Equal((GovernorWaitReason.WindowPaused, "20s", Start.AddSeconds(21)), (decision.Reason, decision.Window, decision.Until));
    }

    [Fact]
    public async Task Report_MarketoDailyQuotaReached_PausesTheDayByDefaultUntilMidnight()
    {
        var governor = Marketo();

        await governor.ReportAsync(ServiceSignal.QuotaReached(), CancellationToken.None);

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);
        Assert.Equal((GovernorWaitReason.WindowPaused, "day", ChicagoMidnight), (decision.Reason, decision.Window, decision.Until));
    }

    [Fact]
    public async Task Report_TooManyConcurrent_LowersTheLimitThenRestoresIt()
    {
        var governor = Marketo();
        var held = await HoldAsync(governor, 10);

        // Marketo 615 on the tenth call: another integration holds a slot.
        await held[9].ReportAsync(ServiceSignal.TooManyConcurrent(), CancellationToken.None);
        held.ForEach(l => l.Dispose());

        var nine = await HoldAsync(governor, 9);
        Assert.Equal(GovernorWaitReason.ConcurrencyLimit, (await governor.TryAcquireAsync(1, CancellationToken.None)).Reason);
        Assert.Equal(9, (await governor.GetSnapshotAsync(CancellationToken.None)).ConcurrencyLimit);
        _time.Advance(TimeSpan.FromMinutes(1));
        nine.AddRange(await HoldAsync(governor, 1));
        Assert.Equal(10, (await governor.GetSnapshotAsync(CancellationToken.None)).ConcurrencyLimit);
        nine.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task Report_TooManyConcurrentAboutABusierMoment_DoesNotLowerTheLimitFurther()
    {
        var governor = Marketo(o => o.ConcurrencyLimit = 5);
        var held = await HoldAsync(governor, 5);

        // Pardot code 66 on the third call, then late answers on the fourth and fifth.
        await held[2].ReportAsync(ServiceSignal.TooManyConcurrent(), CancellationToken.None);
        await held[4].ReportAsync(ServiceSignal.TooManyConcurrent(), CancellationToken.None);
        await held[3].ReportAsync(ServiceSignal.TooManyConcurrent(), CancellationToken.None);

        Assert.Equal(2, (await governor.GetSnapshotAsync(CancellationToken.None)).ConcurrencyLimit);
        held.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task Report_TooManyConcurrentWithoutALease_UsesTheCallsInFlight()
    {
        var governor = Marketo();
        var held = await HoldAsync(governor, 4);

        await governor.ReportAsync(ServiceSignal.TooManyConcurrent(), CancellationToken.None);

        Assert.Equal(3, (await governor.GetSnapshotAsync(CancellationToken.None)).ConcurrencyLimit);
        held.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task AcquireAsync_LimitLowered_ReturnsWhenTheLimitIsRestored()
    {
        var governor = Marketo(o => o.ConcurrencyLimit = 2);
        var held = await HoldAsync(governor, 2);
        await held[1].ReportAsync(ServiceSignal.TooManyConcurrent(), CancellationToken.None);
        held[1].Dispose();

        var waiting = governor.AcquireAsync(1, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMinutes(1));

        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        held[0].Dispose();
    }

    [Fact]
    public async Task Report_RetryAfterSeconds_HoldsEveryCallUntilThen()
    {
        var governor = Marketo();

        // HTTP 429, Retry-After: 30
        await governor.ReportAsync(ServiceSignal.Retry(TimeSpan.FromSeconds(30)), CancellationToken.None);

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);
        Assert.Equal((GovernorWaitReason.RetryAfter, Start.AddSeconds(30)), (decision.Reason, decision.Until));
        Assert.Equal(Start.AddSeconds(30), (await governor.GetSnapshotAsync(CancellationToken.None)).PausedUntil);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await governor.TryAcquireAsync(1, CancellationToken.None)).IsGo);
    }

    [Fact]
    public async Task Report_RetryAfterDate_HoldsEveryCallUntilThatInstant()
    {
        var governor = Marketo();
        var until = Start.AddMinutes(2);

        await governor.ReportAsync(ServiceSignal.RetryAt(until), CancellationToken.None);
        await governor.ReportAsync(ServiceSignal.Retry(TimeSpan.FromSeconds(5)), CancellationToken.None);

        Assert.Equal(until, (await governor.TryAcquireAsync(1, CancellationToken.None)).Until);
    }

    [Fact]
    public async Task AcquireAsync_AfterRetryAfter_WaitsOnTheTimeProvidersTimer()
    {
        var governor = Marketo();
        await governor.ReportAsync(ServiceSignal.Retry(TimeSpan.FromSeconds(30)), CancellationToken.None);

        var waiting = governor.AcquireAsync(3, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((3, Start.AddSeconds(30)), (lease.Calls, lease.AcquiredAt));
    }

    [Fact]
    public async Task Report_UnknownWindow_IsMisuse()
    {
        var governor = Marketo();

        await Assert.ThrowsAsync<ArgumentException>(async () => await governor.ReportAsync(ServiceSignal.RateWindowExceeded("1s"), CancellationToken.None));
    }

    [Fact]
    public async Task GetSnapshot_ShowsEveryWindowTheCallsInFlightAndTheNextResets()
    {
        var governor = Marketo();
        using var lease = (await governor.TryAcquireAsync(12, CancellationToken.None)).Lease!;

        var snapshot = await governor.GetSnapshotAsync(CancellationToken.None);

        Assert.Equal(("marketo-1", Start, 1, 10), (snapshot.Account, snapshot.At, snapshot.InFlight, snapshot.ConcurrencyLimit));
        var rate = snapshot.Windows[0];
        Assert.Equal(("20s", 12L, 100L, 0L, 88L, Start.AddSeconds(21)), (rate.Window, rate.Used, rate.Limit, rate.Reserve, rate.Left, rate.NextReset!.Value));
        var day = snapshot.Windows[1];
        Assert.Equal(("day", 12L, 50_000L, 10_000L, 39_988L), (day.Window, day.Used, day.Limit, day.Reserve, day.Left));
        Assert.Equal((new DateTimeOffset(2026, 1, 15, 6, 0, 0, TimeSpan.Zero), ChicagoMidnight), (day.WindowStart!.Value, day.NextReset!.Value));
    }

    [Fact]
    public async Task TwoGovernors_SharingOneLedgerOnRealThreads_NeverOverrunTheDayTogether()
    {
        // Two workers on one account: a day of 2,000 calls (1,600 usable), no short window, no concurrency limit.
        var options = new RatePolicyOptions { Account = "shared" };
        options.CalendarWindows.Add(new CalendarWindowOptions { Limit = 2_000, TimeZone = "America/Chicago" });
        var policy = new RatePolicy(options);
        var workers = new[] { new RateGovernor(policy, _ledger, _time), new RateGovernor(policy, _ledger, _time) };
        var granted = new int[workers.Length];

        // Every thread spends one call before any races on, so a loaded machine that starts one
        // worker's threads late cannot leave that worker with nothing to show.
        var ready = 8;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var threads = Enumerable.Range(0, 8).Select(t => Task.Factory.StartNew(
            async () =>
            {
                var governor = workers[t % workers.Length];
                var random = new Random(t);
                var first = await governor.TryAcquireAsync(1, CancellationToken.None);
                Assert.True(first.IsGo);
                Interlocked.Add(ref granted[t % workers.Length], 1);
                first.Lease!.Dispose();
                if (Interlocked.Decrement(ref ready) == 0)
                {
                    start.SetResult();
                }

                await start.Task;
                for (var i = 0; i < 400; i++)
                {
                    var calls = random.Next(1, 6);
                    var decision = await governor.TryAcquireAsync(calls, CancellationToken.None);
                    if (decision.IsGo)
                    {
                        Interlocked.Add(ref granted[t % workers.Length], calls);
                        decision.Lease.Dispose();
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()).ToArray();
        await Task.WhenAll(threads).WaitAsync(TimeSpan.FromSeconds(60));

        var used = await _ledger.GetUsedAsync("shared", "day", new DateTimeOffset(2026, 1, 15, 6, 0, 0, TimeSpan.Zero), CancellationToken.None);
        Assert.Equal(granted.Sum(), used);
        Assert.InRange(used, 1_596, 1_600);
        Assert.All(granted, g => Assert.True(g > 0, "both workers should have spent"));
    }

    private static async Task HoldAndReleaseAsync(RateGovernor governor, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            var decision = await governor.TryAcquireAsync(1, CancellationToken.None);
            Assert.True(decision.IsGo, $"call {i + 1} waited ({decision.Reason}, {decision.Window})");
            decision.Lease.Dispose();
        }
    }
}
