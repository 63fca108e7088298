namespace Highwater.Core.Governor;

/// <summary>
/// One quota window of a <see cref="RatePolicy"/>: at most <see cref="Limit"/> calls in it, of
/// which <see cref="Reserve"/> are left for the account's other integrations. Immutable.
/// </summary>
public abstract class RateWindow
{
    private protected RateWindow(string name, long limit, double reserveShare)
    {
        Name = name;
        Limit = limit;
        ReserveShare = reserveShare;
    }

    /// <summary>The window's name within its policy; also its key in the quota ledger ("20s", "day").</summary>
    public string Name { get; }

    /// <summary>Calls the service allows in the window.</summary>
    public long Limit { get; }

    /// <summary>The share of <see cref="Limit"/> left for the account's other integrations (0 to below 1).</summary>
    public double ReserveShare { get; }

    /// <summary>Calls held back for other integrations: <see cref="Limit"/> × <see cref="ReserveShare"/>, rounded up.</summary>
    public long Reserve => ReserveOf(Limit);

    /// <summary>Calls Highwater may spend in the window: <see cref="Limit"/> less <see cref="Reserve"/>.</summary>
    public long Usable => Limit - Reserve;

    /// <summary>How long the window is: its length when rolling, a day or an hour when on the calendar.</summary>
    public abstract TimeSpan NominalLength { get; }

    /// <summary>
    /// Whether the window is counted in the shared quota ledger (day-long windows: a restart does not
    /// forget them and every worker shares them) or in process (short rolling windows).
    /// </summary>
    public abstract bool CountsInLedger { get; }

    /// <summary>Whether the window is a day or longer, which is when a reserve applies by default.</summary>
    public bool IsDayLong => NominalLength >= TimeSpan.FromDays(1);

    /// <summary>The default reserve share: 20% of a day-long window, none of a shorter one.</summary>
    internal static double DefaultReserveShare(TimeSpan nominalLength) => nominalLength >= TimeSpan.FromDays(1) ? 0.2 : 0;

    internal long ReserveOf(long limit) => ReserveOf(limit, ReserveShare);

    // Decimal keeps 100 × 0.07 at 7, where doubles would round it up to 8.
    private static long ReserveOf(long limit, double share) => (long)Math.Ceiling((decimal)limit * (decimal)share);

    internal static void CheckCommon(ICollection<string> problems, string path, long limit, double? reserveShare, TimeSpan nominalLength)
    {
        if (limit < 1)
        {
            problems.Add($"{path}.limit: must be at least 1 (was {limit})");
        }

        var share = reserveShare ?? DefaultReserveShare(nominalLength);
        if (double.IsNaN(share) || share is < 0 or >= 1)
        {
            problems.Add($"{path}.reserve: must be at least 0 and below 1 (was {share})");
        }
        else if (limit >= 1 && limit - ReserveOf(limit, share) < 1)
        {
            problems.Add($"{path}.reserve: leaves no call of the limit {limit} to spend (was {share})");
        }
    }
}
