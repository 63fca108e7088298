using Highwater.Simulators.Hosting;

namespace Highwater.Simulators.Tests.Hosting;

/// <summary>The one limiter every simulator uses: windows, concurrency, a calendar or rolling day, calls spent by others.</summary>
public sealed class CallLimiterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    [Fact]
    public void Admit_WindowFull_RefusesUntilItsOldestRequestLeaves()
    {
        var limiter = new CallLimiter(new CallLimits { Windows = [(2, TimeSpan.FromSeconds(20))] });

        var first = limiter.Admit(T0);
        var second = limiter.Admit(T0.AddSeconds(5));
        var third = limiter.Admit(T0.AddSeconds(10));
        var later = limiter.Admit(T0.AddSeconds(20));

        Assert.Null(first);
        Assert.Null(second);
        Assert.Equal(new LimitRefusal(LimitKind.Rate, TimeSpan.FromSeconds(10)), third);
        Assert.Null(later);
    }

    [Fact]
    public void Admit_RefusedCount_ARefusedRequestStillFillsTheWindow_AsMarketosDo()
    {
        var counting = new CallLimiter(new CallLimits { Windows = [(1, TimeSpan.FromSeconds(20))], DailyQuota = 10, DailyZone = Chicago, RefusedCount = true });
        var notCounting = new CallLimiter(new CallLimits { Windows = [(1, TimeSpan.FromSeconds(20))], DailyQuota = 10, DailyZone = Chicago });
        foreach (var limiter in new[] { counting, notCounting })
        {
            limiter.Admit(T0);
            limiter.Admit(T0.AddSeconds(1), concurrencyExceeded: true);
        }

        Assert.Equal(2, counting.UsedToday(T0.AddSeconds(1)));
        Assert.Equal(1, notCounting.UsedToday(T0.AddSeconds(1)));
    }

    [Fact]
    public void Admit_ConcurrencyExceeded_IsRefusedBeforeTheWindows()
    {
        var limiter = new CallLimiter(new CallLimits { Windows = [(1, TimeSpan.FromSeconds(20))] });
        limiter.Admit(T0);

        var refusal = limiter.Admit(T0.AddSeconds(1), concurrencyExceeded: true);

        Assert.Equal(LimitKind.Concurrency, refusal?.Kind);
    }

    [Fact]
    public void Admit_CalendarDaySpent_RefusesUntilMidnightInTheZone_ThenStartsAgain()
    {
        var limiter = new CallLimiter(new CallLimits { DailyQuota = 2, DailyZone = Chicago });
        var noonChicago = new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.FromHours(-6));

        Assert.Null(limiter.Admit(noonChicago));
        Assert.Null(limiter.Admit(noonChicago));
        var spent = limiter.Admit(noonChicago);
        var nextDay = limiter.Admit(noonChicago.AddHours(12));

        Assert.Equal(new LimitRefusal(LimitKind.Daily, TimeSpan.FromHours(12)), spent);
        Assert.Null(nextDay);
        Assert.Equal(1, limiter.UsedToday(noonChicago.AddHours(12)));
    }

    [Fact]
    public void Admit_RollingDay_FreesWhatWasSpentTwentyFourHoursAgo()
    {
        var limiter = new CallLimiter(new CallLimits { DailyQuota = 2 });
        limiter.AddSpent(1, T0);
        Assert.Null(limiter.Admit(T0.AddHours(1)));

        var spent = limiter.Admit(T0.AddHours(2));
        var freed = limiter.Admit(T0.AddHours(24));

        Assert.Equal(new LimitRefusal(LimitKind.Daily, TimeSpan.FromHours(22)), spent);
        Assert.Null(freed);
    }

    [Fact]
    public void SpentToday_SetReplaces_AddAdds()
    {
        var limiter = new CallLimiter(new CallLimits { DailyQuota = 100, DailyZone = Chicago });

        limiter.SetSpentToday(40, T0);
        limiter.SetSpentToday(30, T0);
        var set = limiter.UsedToday(T0);
        limiter.AddSpent(5, T0);
        var added = limiter.UsedToday(T0);
        limiter.Reset();

        Assert.Equal(30, set);
        Assert.Equal(35, added);
        Assert.Equal(0, limiter.UsedToday(T0));
    }

    [Fact]
    public void TryEnter_AllSlotsTaken_FailsUntilOneIsGivenBack()
    {
        var limiter = new CallLimiter(new CallLimits { MaxConcurrent = 1 });

        var first = limiter.TryEnter();
        var second = limiter.TryEnter();
        limiter.Exit();
        var third = limiter.TryEnter();

        Assert.True(first);
        Assert.False(second);
        Assert.True(third);
        Assert.Equal(1, limiter.InFlight);
    }
}
