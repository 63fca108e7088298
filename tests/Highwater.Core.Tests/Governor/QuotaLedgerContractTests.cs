using Highwater.Core.Governor;

namespace Highwater.Core.Tests.Governor;

/// <summary>The <see cref="IQuotaLedger"/> contract; every implementation's tests inherit it.</summary>
public abstract class QuotaLedgerContractTests
{
    private static readonly DateTimeOffset Day = new(2026, 1, 15, 6, 0, 0, TimeSpan.Zero);

    protected abstract IQuotaLedger CreateLedger();

    [Fact]
    public async Task TryReserve_WithinTheLimit_GrantsAndCounts()
    {
        var ledger = CreateLedger();

        var first = await ledger.TryReserveAsync("a", "day", Day, 10, 4, CancellationToken.None);
        var second = await ledger.TryReserveAsync("a", "day", Day, 10, 6, CancellationToken.None);

        Assert.Equal((new QuotaReservation(true, 4), new QuotaReservation(true, 10)), (first, second));
    }

    [Fact]
    public async Task TryReserve_PastTheLimit_RefusesAndCountsNothing()
    {
        var ledger = CreateLedger();
        await ledger.TryReserveAsync("a", "day", Day, 10, 8, CancellationToken.None);

        var refused = await ledger.TryReserveAsync("a", "day", Day, 10, 3, CancellationToken.None);

        Assert.Equal(new QuotaReservation(false, 8), refused);
        Assert.Equal(8, await ledger.GetUsedAsync("a", "day", Day, CancellationToken.None));
    }

    [Fact]
    public async Task TryReserve_NegativeLimit_Refuses()
    {
        var ledger = CreateLedger();

        Assert.False((await ledger.TryReserveAsync("a", "24h", Day, -5, 1, CancellationToken.None)).Granted);
    }

    [Fact]
    public async Task Counts_AreKeptApartByAccountWindowAndStart()
    {
        var ledger = CreateLedger();

        await ledger.TryReserveAsync("a", "day", Day, 10, 1, CancellationToken.None);
        await ledger.TryReserveAsync("b", "day", Day, 10, 2, CancellationToken.None);
        await ledger.TryReserveAsync("a", "24h", Day, 10, 3, CancellationToken.None);
        await ledger.TryReserveAsync("a", "day", Day.AddDays(1), 10, 4, CancellationToken.None);

        Assert.Equal(1, await ledger.GetUsedAsync("a", "day", Day, CancellationToken.None));
        Assert.Equal(0, await ledger.GetUsedAsync("c", "day", Day, CancellationToken.None));
    }

    [Fact]
    public async Task RaiseUsed_NeverLowers()
    {
        var ledger = CreateLedger();
        await ledger.TryReserveAsync("a", "day", Day, 100, 30, CancellationToken.None);

        Assert.Equal(30, await ledger.RaiseUsedAsync("a", "day", Day, 20, CancellationToken.None));
        Assert.Equal(70, await ledger.RaiseUsedAsync("a", "day", Day, 70, CancellationToken.None));
        Assert.Equal(70, await ledger.GetUsedAsync("a", "day", Day, CancellationToken.None));
    }

    [Fact]
    public async Task TryReserve_ManyThreadsAtOnce_NeverOverrun()
    {
        var ledger = CreateLedger();

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => ledger.TryReserveAsync("a", "day", Day, 150, 1, CancellationToken.None))));

        Assert.Equal(150, answers.Count(a => a.Granted));
        Assert.Equal(150, await ledger.GetUsedAsync("a", "day", Day, CancellationToken.None));
    }
}
