using System.Globalization;

namespace Highwater.Core.Governor;

/// <summary>
/// At most <see cref="RateWindow.Limit"/> calls in any interval of <see cref="Length"/>: a call made
/// at <c>t</c> counts until <c>t + Length</c> and no longer. Windows up to an hour are counted
/// exactly in process; longer ones (Salesforce's rolling 24 hours) in the quota ledger, in buckets
/// of a 96th of the length (15 minutes for a day), which may only over-count.
/// </summary>
public sealed class RollingWindow : RateWindow
{
    private const int BucketsPerWindow = 96;

    /// <summary>Builds the window from its options.</summary>
    /// <exception cref="ArgumentException">The options are out of range; the message names every problem.</exception>
    public RollingWindow(RollingWindowOptions options)
        : this(Checked(options))
    {
    }

    private RollingWindow((string Name, long Limit, TimeSpan Length, double Share) checkedOptions)
        : base(checkedOptions.Name, checkedOptions.Limit, checkedOptions.Share)
    {
        Length = checkedOptions.Length;
        Bucket = TimeSpan.FromTicks(Math.Max(1, Length.Ticks / BucketsPerWindow));
    }

    /// <summary>The window's length.</summary>
    public TimeSpan Length { get; }

    /// <inheritdoc />
    public override TimeSpan NominalLength => Length;

    /// <summary>
    /// How long a call counts against the window here: its length plus a guard of a second (a
    /// twentieth of a short window), because the service starts counting when a request arrives,
    /// a little after the governor let it go, and a request that goes out early may arrive late.
    /// </summary>
    public TimeSpan CountedFor => Length + TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, Length.Ticks / 20));

    /// <inheritdoc />
    public override bool CountsInLedger => Length > TimeSpan.FromHours(1);

    /// <summary>The ledger bucket's width when the window is counted in the ledger.</summary>
    internal TimeSpan Bucket { get; }

    /// <summary>The default name of a window of <paramref name="length"/>: "20s", "10m", "24h".</summary>
    public static string DefaultName(TimeSpan length) =>
        length.Ticks % TimeSpan.TicksPerHour == 0 ? Format(length.Ticks / TimeSpan.TicksPerHour, "h")
        : length.Ticks % TimeSpan.TicksPerMinute == 0 ? Format(length.Ticks / TimeSpan.TicksPerMinute, "m")
        : length.Ticks % TimeSpan.TicksPerSecond == 0 ? Format(length.Ticks / TimeSpan.TicksPerSecond, "s")
        : Format((long)length.TotalMilliseconds, "ms");

    internal static IReadOnlyList<string> Validate(RollingWindowOptions options, string path)
    {
        var problems = new List<string>();
        if (options.Length <= TimeSpan.Zero)
        {
            problems.Add($"{path}.length: must be longer than zero (was {options.Length})");
        }

        if (options.Name is { } name && string.IsNullOrWhiteSpace(name))
        {
            problems.Add($"{path}.name: must not be blank");
        }

        CheckCommon(problems, path, options.Limit, options.ReserveShare, options.Length);
        return problems;
    }

    private static (string, long, TimeSpan, double) Checked(RollingWindowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Validate(options, "rollingWindow");
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        return (options.Name ?? DefaultName(options.Length), options.Limit, options.Length, options.ReserveShare ?? DefaultReserveShare(options.Length));
    }

    private static string Format(long value, string unit) => value.ToString(CultureInfo.InvariantCulture) + unit;
}
