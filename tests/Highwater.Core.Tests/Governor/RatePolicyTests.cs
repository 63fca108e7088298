using Highwater.Connectors.Marketo;
using Highwater.Core.Governor;

namespace Highwater.Core.Tests.Governor;

public class RatePolicyTests
{
    [Fact]
    public void Constructor_ManyProblems_ReportsEveryOneAtOnce()
    {
        var options = new RatePolicyOptions { Account = " ", ConcurrencyLimit = 0, ConcurrencyRecovery = TimeSpan.Zero };
        options.RollingWindows.Add(new RollingWindowOptions { Limit = 0, Length = TimeSpan.Zero, ReserveShare = 1.5 });
        options.CalendarWindows.Add(new CalendarWindowOptions { Limit = 5, TimeZone = null });

        var e = Assert.Throws<ArgumentException>(() => new RatePolicy(options));

        Assert.Contains("account: must name the service account", e.Message, StringComparison.Ordinal);
        Assert.Contains("rollingWindows[0].length: must be longer than zero", e.Message, StringComparison.Ordinal);
        Assert.Contains("rollingWindows[0].limit: must be at least 1 (was 0)", e.Message, StringComparison.Ordinal);
        Assert.Contains("rollingWindows[0].reserve: must be at least 0 and below 1 (was 1.5)", e.Message, StringComparison.Ordinal);
        Assert.Contains("calendarWindows[0].timeZone: must name an IANA time zone", e.Message, StringComparison.Ordinal);
        Assert.Contains("concurrencyLimit: must be at least 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("concurrencyRecovery: must be longer than zero", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoWindow_IsAProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => new RatePolicy(new RatePolicyOptions { Account = "a" }));

        Assert.Contains("at least one rolling or calendar window", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TwoWindowsWithOneName_IsAProblem()
    {
        var options = new RatePolicyOptions { Account = "a" };
        options.RollingWindows.Add(new RollingWindowOptions { Limit = 10, Length = TimeSpan.FromSeconds(20) });
        options.RollingWindows.Add(new RollingWindowOptions { Limit = 20, Length = TimeSpan.FromSeconds(20) });

        var e = Assert.Throws<ArgumentException>(() => new RatePolicy(options));

        Assert.Contains("two windows are named '20s'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ReserveLeavingNothing_IsAProblem()
    {
        var options = new RatePolicyOptions { Account = "a" };
        options.RollingWindows.Add(new RollingWindowOptions { Limit = 1, Length = TimeSpan.FromDays(1) });

        var e = Assert.Throws<ArgumentException>(() => new RatePolicy(options));

        Assert.Contains("rollingWindows[0].reserve: leaves no call of the limit 1 to spend", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CopiesTheOptions()
    {
        var options = MarketoService.Policy("m");
        var policy = new RatePolicy(options);

        options.RollingWindows[0].Limit = 1;
        options.ConcurrencyLimit = 1;

        Assert.Equal(100, policy.GetWindow("20s").Limit);
        Assert.Equal(10, policy.ConcurrencyLimit);
    }

    [Theory]
    [InlineData(20, "20s")]
    [InlineData(600, "10m")]
    [InlineData(86_400, "24h")]
    [InlineData(90, "90s")]
    public void DefaultName_IsTheLengthInItsLargestWholeUnit(int seconds, string name) =>
        Assert.Equal(name, RollingWindow.DefaultName(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Reserve_RoundsUpWithoutFloatingPointNoise()
    {
        var window = new RollingWindow(new RollingWindowOptions { Limit = 100, Length = TimeSpan.FromDays(1), ReserveShare = 0.07 });

        Assert.Equal((7, 93), (window.Reserve, window.Usable));
    }

    [Fact]
    public void Reserve_ShortWindowsKeepNoneByDefault()
    {
        var window = new RollingWindow(new RollingWindowOptions { Limit = 100, Length = TimeSpan.FromSeconds(20) });

        Assert.Equal((0, 100), (window.Reserve, window.Usable));
        Assert.False(window.CountsInLedger);
    }
}
