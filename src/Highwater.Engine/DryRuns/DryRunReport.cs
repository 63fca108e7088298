using Highwater.Sources.Polling;
using Highwater.Sources.Regrouping;
using Highwater.Storage.Marks;

namespace Highwater.Engine.DryRuns;

/// <summary>What <c>plan</c> found: the sources polled into a copy of the buffer, and each destination's need and cost.</summary>
public sealed record DryRunReport
{
    /// <summary>When it ran.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The buffer's kind: <c>sqlite</c> or <c>postgres</c>.</summary>
    public required string Store { get; init; }

    /// <summary>Whether the sources were polled (into a throwaway copy of the buffer).</summary>
    public required bool Polled { get; init; }

    /// <summary>Why they were not, when they were not.</summary>
    public string? NotPolledReason { get; init; }

    /// <summary>Each source's mark before the poll (null: never polled), by name.</summary>
    public IReadOnlyDictionary<string, SourceMark?> MarksBefore { get; init; } = new Dictionary<string, SourceMark?>();

    /// <summary>What each poll found, in configuration order.</summary>
    public IReadOnlyList<PollReport> Polls { get; init; } = [];

    /// <summary>What re-evaluating time-dependent groups changed; null when no group depends on time or nothing was polled.</summary>
    public GroupRefreshReport? GroupRefresh { get; init; }

    /// <summary>Each destination, in configuration order.</summary>
    public required IReadOnlyList<DestinationDryRun> Destinations { get; init; }
}
