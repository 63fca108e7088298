namespace Highwater.Benchmarks.Histories;

/// <summary>One step of a history: a source change, or a sync with its faults and crash.</summary>
internal abstract record HistoryStep;

/// <summary>A change to the source.</summary>
internal sealed record OpStep(SourceOp Op) : HistoryStep
{
    public override string ToString() => Op.ToString();
}

/// <summary>
/// One sync pass (<c>HighwaterEngine.SyncOnceAsync</c>) with faults armed at the N-th HTTP call of
/// the pass (0-based, sign-in calls included) and possibly a crash at one call.
/// </summary>
internal sealed record SyncStep(IReadOnlyList<ArmedFault> Faults, ArmedFault? Crash) : HistoryStep
{
    public override string ToString()
    {
        var parts = Faults.Select(f => f.ToString()).ToList();
        if (Crash is { } crash)
        {
            parts.Add(crash.ToString());
        }

        return parts.Count == 0 ? "sync" : "sync with " + string.Join(", ", parts);
    }
}

/// <summary>A fault or crash at the <paramref name="Call"/>-th HTTP call of a sync.</summary>
internal sealed record ArmedFault(HistoryMix Kind, int Call)
{
    public override string ToString() => Kind switch
    {
        HistoryMix.ServerError => $"5xx at call {Call}",
        HistoryMix.DroppedAnswer => $"answer dropped after applying call {Call}",
        HistoryMix.Timeout => $"timeout after applying call {Call}",
        HistoryMix.TokenExpiry => $"token expired before call {Call}",
        HistoryMix.Quota => $"quota spent by others before call {Call}",
        HistoryMix.CrashBeforeCall => $"crash before call {Call}",
        HistoryMix.CrashAfterCall => $"crash after call {Call} was applied",
        _ => $"{Kind} at call {Call}",
    };
}
