namespace Highwater.Benchmarks.Histories;

/// <summary>Named mixes: <c>all</c>, and the one today's engine passes (what <c>dotnet test</c> runs).</summary>
internal static class HistoryMixes
{
    /// <summary>Every kind that passes on every service on main as of 2026-12-06.</summary>
    private const HistoryMix PassingEverywhere =
        HistoryMix.Insert | HistoryMix.Edit | HistoryMix.ChangePlan | HistoryMix.SoftDelete | HistoryMix.Undelete | HistoryMix.HardDelete
        | HistoryMix.ServerError | HistoryMix.DroppedAnswer | HistoryMix.Timeout | HistoryMix.Quota
        | HistoryMix.CrashBeforeCall | HistoryMix.CrashAfterCall;

    /// <summary>
    /// The kinds today's engine handles on <paramref name="service"/>. Left out until issue 14's
    /// engine work lands (a failing seed of each in bench/README.md, "Found on main"):
    /// <c>Swap</c>, <c>Chain</c>, <c>TakeAddress</c>, <c>Duplicate</c>, <c>TakeCrmAddress</c> (no
    /// ownership: records merged, overwritten or emptied, no dead letter), <c>InvalidEmail</c>
    /// (stale dead letter, lost fix), <c>EmailChange</c> with faults or crashes (a key change whose
    /// first attempt failed leaves the old record behind or none: issue 14 cases 5 and 6; it
    /// passes alone with the other operations), and on Salesforce and Pardot <c>TokenExpiry</c> (a delete
    /// after a session expired is lost: the deleted user's record stays).
    /// </summary>
    public static HistoryMix PassingToday(string service) => service switch
    {
        "salesforce" or "pardot" => PassingEverywhere,
        _ => PassingEverywhere | HistoryMix.TokenExpiry,
    };

    /// <summary>A mix by name: <c>all</c>, <c>passing</c> (the service's), or kinds joined by commas (<c>Insert,Edit,ServerError</c>).</summary>
    public static HistoryMix Parse(string text, string service) => text.Trim().ToLowerInvariant() switch
    {
        "all" => HistoryMix.All,
        "passing" => PassingToday(service),
        _ => Enum.Parse<HistoryMix>(text, ignoreCase: true),
    };

    /// <summary>The kinds of <paramref name="mix"/>, by name.</summary>
    public static string Describe(HistoryMix mix) =>
        mix == HistoryMix.All ? "all" : string.Join(",", Enum.GetValues<HistoryMix>().Where(k => k != 0 && (k & (k - 1)) == 0 && mix.HasFlag(k)));
}
