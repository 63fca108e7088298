using System.Collections.Concurrent;
using Highwater.Storage.RateLedger;

namespace Highwater.Storage.Tests;

public abstract partial class BufferStoreContractTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(-6));

    private string Account => Unique("marketo");

    [SkippableFact]
    public async Task TryReserve_GrantsWithinTheLimit_AndRefusesBeyondIt()
    {
        var ledger = Store.RateLedger;

        Assert.Equal(new LedgerReservation(true, 4), await ledger.TryReserveAsync(Account, "day", Midnight, 10, 4, None));
        Assert.Equal(new LedgerReservation(true, 10), await ledger.TryReserveAsync(Account, "day", Midnight, 10, 6, None));
        Assert.Equal(new LedgerReservation(false, 10), await ledger.TryReserveAsync(Account, "day", Midnight, 10, 1, None));
        Assert.Equal(10, await ledger.GetUsedAsync(Account, "day", Midnight, None));
    }

    [SkippableFact]
    public async Task TryReserve_MoreThanTheLimitOfAFreshWindow_IsRefused()
    {
        Assert.Equal(new LedgerReservation(false, 0), await Store.RateLedger.TryReserveAsync(Account, "day", Midnight, 10, 11, None));
        Assert.Equal(0, await Store.RateLedger.GetUsedAsync(Account, "day", Midnight, None));
    }

    [SkippableFact]
    public async Task TryReserve_CountsEachAccountWindowAndStartApart()
    {
        var ledger = Store.RateLedger;
        await ledger.TryReserveAsync(Account, "day", Midnight, 100, 5, None);
        await ledger.TryReserveAsync(Account, "20s", Midnight, 100, 2, None);
        await ledger.TryReserveAsync(Account, "day", Midnight.AddDays(1), 100, 3, None);
        await ledger.TryReserveAsync(Unique("salesforce"), "day", Midnight, 100, 7, None);

        Assert.Equal(5, await ledger.GetUsedAsync(Account, "day", Midnight, None));
        Assert.Equal(5, await ledger.GetUsedAsync(Account, "day", Midnight.ToUniversalTime(), None));
        Assert.Equal(2, await ledger.GetUsedAsync(Account, "20s", Midnight, None));
        Assert.Equal(3, await ledger.GetUsedAsync(Account, "day", Midnight.AddDays(1), None));
    }

    [SkippableFact]
    public async Task RaiseUsed_OnlyEverRaises()
    {
        var ledger = Store.RateLedger;

        Assert.Equal(50, await ledger.RaiseUsedAsync(Account, "day", Midnight, 50, None));
        Assert.Equal(50, await ledger.RaiseUsedAsync(Account, "day", Midnight, 30, None));
        Assert.Equal(new LedgerReservation(true, 55), await ledger.TryReserveAsync(Account, "day", Midnight, 100, 5, None));
        Assert.Equal(80, await ledger.RaiseUsedAsync(Account, "day", Midnight, 80, None));
        Assert.Equal(80, await ledger.GetUsedAsync(Account, "day", Midnight, None));
    }

    [SkippableFact]
    public async Task TryReserve_ByManyWorkersOnTwoStores_NeverOverrunsTheLimit()
    {
        var stores = new[] { Store, Open(await SharedDatabaseAsync()) };
        var granted = new ConcurrentBag<long>();

        await Concurrently.RunAsync(24, async worker =>
        {
            for (var i = 0; i < 8; i++)
            {
                var reservation = await stores[worker % 2].RateLedger.TryReserveAsync(Account, "20s", Midnight, 100, 3, None);
                if (reservation.Granted)
                {
                    granted.Add(reservation.Used);
                }
            }
        });

        // 24 x 8 asks for 3 calls against 100: exactly 33 fit, each granted at a distinct count.
        Assert.Equal(33, granted.Count);
        Assert.Equal(Enumerable.Range(1, 33).Select(n => 3L * n), granted.Order());
        Assert.Equal(99, await Store.RateLedger.GetUsedAsync(Account, "20s", Midnight, None));
    }
}
