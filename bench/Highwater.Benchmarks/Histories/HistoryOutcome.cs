namespace Highwater.Benchmarks.Histories;

/// <summary>How one history ended: the differences the oracle found (empty: it passed) and what it cost.</summary>
internal sealed record HistoryOutcome(History History, IReadOnlyList<string> Differences, int SyncPasses, TimeSpan Elapsed)
{
    public bool Passed => Differences.Count == 0;

    /// <summary>A digest of how it ended (end state, dead letters, passes, calls, the clock): equal for every replay of the seed; empty when it never got to the end.</summary>
    public string Fingerprint { get; init; } = "";
}
