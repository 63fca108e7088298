namespace Highwater.Benchmarks.Histories;

/// <summary>Named mixes: <c>all</c>, and the one today's engine passes (what <c>dotnet test</c> runs).</summary>
internal static class HistoryMixes
{
    /// <summary>
    /// The kinds the engine passes on <paramref name="service"/> at the seeds <c>dotnet test</c>
    /// runs: every kind, identity operations included (swaps, chains, taken addresses, CRM-only
    /// addresses, duplicates, invalid e-mails), with every fault and crash. Seeds 1 to 300 of each
    /// service pass (2026-12-06); a campaign of 4,000 from seed 1 still fails 12 (bench/README.md).
    /// </summary>
    public static HistoryMix PassingToday(string service) => HistoryMix.All;

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
