namespace Highwater.Core.Budget;

/// <summary>The batching math for one service and one batch shape.</summary>
public sealed record BudgetReport
{
    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The batch shape.</summary>
    public required BudgetScenario Scenario { get; init; }

    /// <summary>The quota the rates are computed from; null for a service with no daily quota, whose rates come from <see cref="Limits"/>.</summary>
    public DailyQuota? Quota { get; init; }

    /// <summary>With no daily quota: the connections, rate windows and call time the rates come from; null under a quota.</summary>
    public ServiceLimits? Limits { get; init; }

    /// <summary>Share of the quota kept back for other integrations.</summary>
    public required double Reserve { get; init; }

    /// <summary>Calls a minute: on average, (quota − reserve) / 1440; with no daily quota, the most the limits let through.</summary>
    public double CallsPerMinute => Quota is { } quota ? quota.CallsPerDay * (1 - Reserve) / 1440.0 : (Limits?.CallsPerSecond ?? 0) * 60;

    /// <summary>The seed's algorithm: look up everyone, separate update and create, one add and one remove call per group.</summary>
    public required CostColumn Seed { get; init; }

    /// <summary>What Highwater's planner plans for the same batch.</summary>
    public required CostColumn Highwater { get; init; }
}
