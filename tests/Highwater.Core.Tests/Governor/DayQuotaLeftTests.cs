using Highwater.Core.Governor;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Core.Tests.Governor;

public class DayQuotaLeftTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 20, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryQuotaLedger _ledger = new();

    [Fact]
    public async Task DayQuotaLeft_ShareOfTheUsableDayNotSpent_WholeAgainAfterTheReset()
    {
        // 1,000 a day with 10% held back for the account's other integrations: 900 usable.
        var options = new RatePolicyOptions { Account = "pardot-1" };
        options.CalendarWindows.Add(new CalendarWindowOptions { Limit = 1_000, TimeZone = "UTC", ReserveShare = 0.1 });
        var governor = new RateGovernor(new RatePolicy(options), _ledger, _time);
        Assert.Equal(1.0, governor.DayQuotaLeft());

        for (var i = 0; i < 3; i++)
        {
            (await governor.AcquireAsync(75, CancellationToken.None)).Dispose();
        }

        Assert.Equal(0.75, governor.DayQuotaLeft(), precision: 6);
        _time.Advance(TimeSpan.FromHours(4));
        Assert.Equal(1.0, governor.DayQuotaLeft());
    }

    [Fact]
    public void DayQuotaLeft_NoDayWindow_IsWhole()
    {
        var options = new RatePolicyOptions { Account = "burst-only" };
        options.RollingWindows.Add(new RollingWindowOptions { Length = TimeSpan.FromSeconds(20), Limit = 100 });

        Assert.Equal(1.0, new RateGovernor(new RatePolicy(options), _ledger, _time).DayQuotaLeft());
    }
}
