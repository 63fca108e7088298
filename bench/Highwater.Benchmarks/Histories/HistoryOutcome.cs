namespace Highwater.Benchmarks.Histories;

/// <summary>How one history ended: the differences the oracle found (empty: it passed) and what it cost.</summary>
internal sealed record HistoryOutcome(History History, IReadOnlyList<string> Differences, int SyncPasses, TimeSpan Elapsed)
{
    public bool Passed => Differences.Count == 0;
}
