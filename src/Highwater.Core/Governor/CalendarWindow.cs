namespace Highwater.Core.Governor;

/// <summary>
/// At most <see cref="RateWindow.Limit"/> calls per local day (or hour) of a named time zone,
/// resetting at local midnight: Marketo's 50,000 a day from midnight in America/Chicago. A day
/// whose clocks spring forward lasts 23 hours and one whose clocks fall back 25. Counted in the
/// quota ledger, one row per period, keyed by <see cref="StartOf"/>.
/// </summary>
public sealed class CalendarWindow : RateWindow
{
    /// <summary>Builds the window from its options.</summary>
    /// <exception cref="ArgumentException">The options are out of range or the time zone is unknown; the message names every problem.</exception>
    public CalendarWindow(CalendarWindowOptions options)
        : this(Checked(options))
    {
    }

    private CalendarWindow((string Name, long Limit, CalendarPeriod Period, TimeZoneInfo Zone, double Share) checkedOptions)
        : base(checkedOptions.Name, checkedOptions.Limit, checkedOptions.Share)
    {
        Period = checkedOptions.Period;
        TimeZone = checkedOptions.Zone;
    }

    /// <summary>A local day or a local hour.</summary>
    public CalendarPeriod Period { get; }

    /// <summary>The time zone whose clock resets the window.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <inheritdoc />
    public override TimeSpan NominalLength => Nominal(Period);

    /// <inheritdoc />
    public override bool CountsInLedger => true;

    /// <summary>The instant the period holding <paramref name="instant"/> began (local midnight or top of the hour), in UTC.</summary>
    public DateTimeOffset StartOf(DateTimeOffset instant) => ZoneClock.FirstInstantAtOrAfter(TimeZone, LocalStart(instant));

    /// <summary>The instant the period holding <paramref name="instant"/> ends and the next begins, in UTC.</summary>
    public DateTimeOffset NextReset(DateTimeOffset instant)
    {
        var start = LocalStart(instant);
        return ZoneClock.FirstInstantAtOrAfter(TimeZone, Period == CalendarPeriod.Day ? start.AddDays(1) : start.AddHours(1));
    }

    /// <summary>The default name of a window of <paramref name="period"/>: "day" or "hour".</summary>
    public static string DefaultName(CalendarPeriod period) => period == CalendarPeriod.Hour ? "hour" : "day";

    internal static IReadOnlyList<string> Validate(CalendarWindowOptions options, string path)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Period))
        {
            problems.Add($"{path}.period: must be day or hour (was {options.Period})");
        }

        if (options.Name is { } name && string.IsNullOrWhiteSpace(name))
        {
            problems.Add($"{path}.name: must not be blank");
        }

        if (string.IsNullOrWhiteSpace(options.TimeZone))
        {
            problems.Add($"{path}.timeZone: must name an IANA time zone, such as America/Chicago");
        }
        else if (FindZone(options.TimeZone) is null)
        {
            problems.Add($"{path}.timeZone: unknown time zone '{options.TimeZone}' (use an IANA name, such as America/Chicago)");
        }

        CheckCommon(problems, path, options.Limit, options.ReserveShare, Nominal(options.Period));
        return problems;
    }

    internal static TimeZoneInfo? FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private DateTime LocalStart(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;
        return Period == CalendarPeriod.Day ? local.Date : local.Date.AddHours(local.Hour);
    }

    private static TimeSpan Nominal(CalendarPeriod period) => period == CalendarPeriod.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);

    private static (string, long, CalendarPeriod, TimeZoneInfo, double) Checked(CalendarWindowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Validate(options, "calendarWindow");
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var share = options.ReserveShare ?? DefaultReserveShare(Nominal(options.Period));
        return (options.Name ?? DefaultName(options.Period), options.Limit, options.Period, FindZone(options.TimeZone!)!, share);
    }
}
