using Highwater.Engine.Running;

namespace Highwater.Engine.Reconciling;

/// <summary>What <c>reconcile</c> found and did at one destination.</summary>
public sealed record ReconcileReport
{
    /// <summary>The destination.</summary>
    public required string Destination { get; init; }

    /// <summary>Its kind.</summary>
    public required string Kind { get; init; }

    /// <summary>Whether it only listed.</summary>
    public bool DryRun { get; init; }

    /// <summary>Profiles compared.</summary>
    public int Profiles { get; init; }

    /// <summary>The read requests planned before reading (authentication and list resolution aside).</summary>
    public int PlannedReadCalls { get; init; }

    /// <summary>The day's quota left before reading (after the reserve), where the account has a daily window.</summary>
    public long? QuotaLeft { get; init; }

    /// <summary>The day's quota window, where there is one.</summary>
    public string? QuotaWindow { get; init; }

    /// <summary>Read and other metadata requests made, by kind (<c>read</c>, <c>readLists</c>, <c>lists</c>, <c>auth</c>, ...).</summary>
    public IReadOnlyDictionary<string, long> ReadCalls { get; init; } = new Dictionary<string, long>();

    /// <summary>Write requests made by the repair's export pass, by kind.</summary>
    public IReadOnlyDictionary<string, long> WriteCalls { get; init; } = new Dictionary<string, long>();

    /// <summary>Every difference found, with what became of it.</summary>
    public IReadOnlyList<ReconcileDifference> Differences { get; init; } = [];

    /// <summary>The repair's export pass (null on a dry run or when nothing needed one).</summary>
    public ExportPassReport? Export { get; init; }

    /// <summary>Why the destination could not be reconciled at all.</summary>
    public string? Error { get; init; }

    /// <summary>Differences repaired.</summary>
    public int Fixed => Differences.Count(d => d.State == FixState.Fixed);

    /// <summary>Differences whose repair failed.</summary>
    public int FailedFixes => Differences.Count(d => d.State == FixState.Failed);

    /// <summary>Whether something failed (an error, or a repair that did not complete).</summary>
    public bool Failed => Error is not null || FailedFixes > 0;
}
