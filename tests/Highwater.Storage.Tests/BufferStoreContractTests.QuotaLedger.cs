using System.Collections.Concurrent;
using Highwater.Core.Governor;
using Highwater.Storage.RateLedger;

namespace Highwater.Storage.Tests;

/// <summary>The governor on the store's rate ledger, through <see cref="StoreQuotaLedger"/>.</summary>
public abstract partial class BufferStoreContractTests
{
    // The clock starts at 09:00 UTC on 2 March 2026, 03:00 in Chicago (CST, UTC-6): the day began
    // at 06:00 UTC and resets at 06:00 UTC on 3 March.
    private static readonly DateTimeOffset ChicagoDayStart = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ChicagoNextMidnight = new(2026, 3, 3, 6, 0, 0, TimeSpan.Zero);

    /// <summary>A governor with one calendar day in America/Chicago (20% reserve) on <paramref name="store"/>'s ledger.</summary>
    private RateGovernor DailyGovernor(IBufferStore store, long limit)
    {
        var options = new RatePolicyOptions { Account = Unique("marketo") };
        options.CalendarWindows.Add(new CalendarWindowOptions { Limit = limit, TimeZone = "America/Chicago" });
        return new RateGovernor(new RatePolicy(options), new StoreQuotaLedger(store.RateLedger), Time);
    }

    [SkippableFact]
    public async Task QuotaLedger_RestartInTheMiddleOfTheDay_RemembersTodaysUsage()
    {
        var before = DailyGovernor(Store, limit: 50);
        for (var i = 0; i < 3; i++)
        {
            (await before.TryAcquireAsync(10, None)).Lease!.Dispose();
        }

        // Six hours later, 09:00 in Chicago: a new process opens the same database.
        Time.Advance(TimeSpan.FromHours(6));
        var after = DailyGovernor(Open(await SharedDatabaseAsync()), limit: 50);

        Assert.Equal(30, (await after.GetSnapshotAsync(None)).Windows.Single().Used);
        var last = await after.TryAcquireAsync(10, None);
        Assert.True(last.IsGo);
        last.Lease.Dispose();
        var refused = await after.TryAcquireAsync(1, None);
        Assert.Equal((GovernorWaitReason.WindowFull, ChicagoNextMidnight), (refused.Reason, refused.Until));
        Assert.Equal(40, await Store.RateLedger.GetUsedAsync(Unique("marketo"), "day", ChicagoDayStart, None));

        Time.Advance(ChicagoNextMidnight - Time.GetUtcNow());
        Assert.True((await after.TryAcquireAsync(1, None)).IsGo);
        Assert.Equal(1, (await after.GetSnapshotAsync(None)).Windows.Single().Used);
    }

    [SkippableFact]
    public async Task QuotaLedger_TwoGovernorsOnOneDatabase_NeverOverrunTheDayTogether()
    {
        // 125 a day less the 20% reserve: 100 usable, shared by two workers with stores of their own.
        var governors = new[] { DailyGovernor(Store, limit: 125), DailyGovernor(Open(await SharedDatabaseAsync()), limit: 125) };
        var granted = new ConcurrentBag<long>();

        await Concurrently.RunAsync(16, async worker =>
        {
            for (var i = 0; i < 10; i++)
            {
                var decision = await governors[worker % 2].TryAcquireAsync(3, None);
                if (decision.IsGo)
                {
                    granted.Add(decision.Lease.Calls);
                    decision.Lease.Dispose();
                }
            }
        });

        // 160 asks for 3 calls against 100 usable: exactly 33 fit.
        Assert.Equal(33, granted.Count);
        Assert.Equal(99, granted.Sum());
        Assert.Equal(99, await Store.RateLedger.GetUsedAsync(Unique("marketo"), "day", ChicagoDayStart, None));
        foreach (var governor in governors)
        {
            Assert.Equal(GovernorWaitReason.WindowFull, (await governor.TryAcquireAsync(3, None)).Reason);
            Assert.Equal(99, (await governor.GetSnapshotAsync(None)).Windows.Single().Used);
        }
    }

    [SkippableFact]
    public async Task StoreQuotaLedger_AnswersAsTheStoreCounts()
    {
        var ledger = new StoreQuotaLedger(Store.RateLedger);
        var account = Unique("marketo");

        Assert.Equal(new QuotaReservation(true, 7), await ledger.TryReserveAsync(account, "day", ChicagoDayStart, 10, 7, None));
        Assert.Equal(new QuotaReservation(false, 7), await ledger.TryReserveAsync(account, "day", ChicagoDayStart, 10, 4, None));
        Assert.Equal(9, await ledger.RaiseUsedAsync(account, "day", ChicagoDayStart, 9, None));
        Assert.Equal(9, await ledger.RaiseUsedAsync(account, "day", ChicagoDayStart, 2, None));
        Assert.Equal(9, await Store.RateLedger.GetUsedAsync(account, "day", ChicagoDayStart, None));
    }
}
