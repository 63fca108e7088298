using Highwater.Core.Governor;

namespace Highwater.Core.Tests.Governor;

public class CalendarWindowTests
{
    private static CalendarWindow Chicago(CalendarPeriod period = CalendarPeriod.Day) =>
        new(new CalendarWindowOptions { Limit = 50_000, TimeZone = "America/Chicago", Period = period });

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void StartOf_WinterDay_IsLocalMidnightAtSixUtc()
    {
        var window = Chicago();

        var instant = Utc(2026, 1, 15, 18);

        Assert.Equal(Utc(2026, 1, 15, 6), window.StartOf(instant));
        Assert.Equal(Utc(2026, 1, 16, 6), window.NextReset(instant));
    }

    [Fact]
    public void StartOf_SummerDay_IsLocalMidnightAtFiveUtc()
    {
        var window = Chicago();

        var instant = Utc(2026, 7, 15, 4, 59);

        Assert.Equal(Utc(2026, 7, 14, 5), window.StartOf(instant));
        Assert.Equal(Utc(2026, 7, 15, 5), window.NextReset(instant));
    }

    [Fact]
    public void NextReset_SpringForwardDay_Is23HoursAfterItsStart()
    {
        var window = Chicago();

        // 2026-03-08: 02:00 CST jumps to 03:00 CDT.
        var instant = Utc(2026, 3, 8, 12);

        Assert.Equal(Utc(2026, 3, 8, 6), window.StartOf(instant));
        Assert.Equal(Utc(2026, 3, 9, 5), window.NextReset(instant));
        Assert.Equal(TimeSpan.FromHours(23), window.NextReset(instant) - window.StartOf(instant));
    }

    [Fact]
    public void NextReset_FallBackDay_Is25HoursAfterItsStart()
    {
        var window = Chicago();

        // 2026-11-01: 02:00 CDT falls back to 01:00 CST; 01:30 happens twice.
        var first = Utc(2026, 11, 1, 6, 30);
        var second = Utc(2026, 11, 1, 7, 30);

        Assert.Equal(Utc(2026, 11, 1, 5), window.StartOf(first));
        Assert.Equal(Utc(2026, 11, 1, 5), window.StartOf(second));
        Assert.Equal(Utc(2026, 11, 2, 6), window.NextReset(second));
        Assert.Equal(TimeSpan.FromHours(25), window.NextReset(first) - window.StartOf(first));
    }

    [Fact]
    public void StartOf_ExactlyAtMidnight_BelongsToTheNewDay()
    {
        var window = Chicago();

        var midnight = Utc(2026, 1, 16, 6);

        Assert.Equal(midnight, window.StartOf(midnight));
        Assert.Equal(Utc(2026, 1, 15, 6), window.StartOf(midnight.AddTicks(-1)));
    }

    [Fact]
    public void StartOf_DayWhoseMidnightIsSkipped_StartsWhenTheClockJumps()
    {
        // Chile springs forward at 24:00 on Saturday 2026-09-05: Sunday begins at 01:00 -03 (04:00 UTC).
        var window = new CalendarWindow(new CalendarWindowOptions { Limit = 10, TimeZone = "America/Santiago" });

        var sunday = Utc(2026, 9, 6, 12);

        Assert.Equal(Utc(2026, 9, 6, 4), window.StartOf(sunday));
        Assert.Equal(Utc(2026, 9, 6, 4), window.NextReset(Utc(2026, 9, 5, 12)));
        Assert.Equal(TimeSpan.FromHours(23), window.NextReset(sunday) - window.StartOf(sunday));
    }

    [Fact]
    public void Hour_SpringForward_TheHourAfterTheGapStartsAtTheJump()
    {
        var window = Chicago(CalendarPeriod.Hour);

        var beforeJump = Utc(2026, 3, 8, 7, 30); // 01:30 CST

        Assert.Equal(Utc(2026, 3, 8, 7), window.StartOf(beforeJump));
        Assert.Equal(Utc(2026, 3, 8, 8), window.NextReset(beforeJump)); // 03:00 CDT
        Assert.Equal(Utc(2026, 3, 8, 8), window.StartOf(Utc(2026, 3, 8, 8, 30)));
    }

    [Fact]
    public void Hour_FallBack_TheRepeatedHourIsOneTwoHourWindow()
    {
        var window = Chicago(CalendarPeriod.Hour);

        // 01:xx CDT then 01:xx CST: counted as one window, which can only under-spend.
        Assert.Equal(Utc(2026, 11, 1, 6), window.StartOf(Utc(2026, 11, 1, 6, 30)));
        Assert.Equal(Utc(2026, 11, 1, 6), window.StartOf(Utc(2026, 11, 1, 7, 30)));
        Assert.Equal(Utc(2026, 11, 1, 8), window.NextReset(Utc(2026, 11, 1, 6, 30)));
    }

    [Fact]
    public void Constructor_UnknownZone_NamesIt()
    {
        var e = Assert.Throws<ArgumentException>(() => new CalendarWindow(new CalendarWindowOptions { Limit = 1, TimeZone = "Mars/Olympus" }));

        Assert.Contains("unknown time zone 'Mars/Olympus'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reserve_DefaultsTo20PercentOfADay()
    {
        var window = Chicago();

        Assert.Equal((10_000, 40_000), (window.Reserve, window.Usable));
    }
}
