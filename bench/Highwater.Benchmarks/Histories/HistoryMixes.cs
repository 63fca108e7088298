namespace Highwater.Benchmarks.Histories;

/// <summary>Named mixes: <c>all</c>, and the one today's engine passes (what <c>dotnet test</c> runs).</summary>
internal static class HistoryMixes
{
    /// <summary>
    /// The kinds today's engine handles on every service. Left out until issue 14's engine work
    /// lands (failing seeds in bench/README.md, "The history simulator"): PLACEHOLDER.
    /// </summary>
    public const HistoryMix PassingToday = HistoryMix.All;

    /// <summary>A mix by name: <c>all</c>, <c>passing</c>, or kinds joined by commas (<c>Insert,Edit,ServerError</c>).</summary>
    public static HistoryMix Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "all" => HistoryMix.All,
        "passing" => PassingToday,
        _ => Enum.Parse<HistoryMix>(text, ignoreCase: true),
    };

    /// <summary>The kinds of <paramref name="mix"/>, by name.</summary>
    public static string Describe(HistoryMix mix) =>
        mix == HistoryMix.All ? "all" : string.Join(",", Enum.GetValues<HistoryMix>().Where(k => k != 0 && (k & (k - 1)) == 0 && mix.HasFlag(k)));
}
