using Highwater.Sources.Polling;
using Highwater.Sources.Regrouping;

namespace Highwater.Engine.Running;

/// <summary>What one sync pass did: every poll, the group refresh, every destination's export.</summary>
public sealed record SyncReport
{
    /// <summary>One report per source.</summary>
    public required IReadOnlyList<PollReport> Polls { get; init; }

    /// <summary>The refresh of time-dependent groups; null when no group depends on the time.</summary>
    public GroupRefreshReport? GroupRefresh { get; init; }

    /// <summary>One report per destination.</summary>
    public required IReadOnlyList<ExportPassReport> Exports { get; init; }

    /// <summary>How long the pass took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Whether any export failed.</summary>
    public bool Failed => Exports.Any(e => e.Failed);
}
