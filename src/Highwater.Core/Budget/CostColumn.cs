namespace Highwater.Core.Budget;

/// <summary>One way of carrying a batch: its steps, its cost, and what the quota affords at that cost.</summary>
public sealed record CostColumn
{
    /// <summary>What this column is.</summary>
    public required string Name { get; init; }

    /// <summary>Cost per step, in the algorithm's order; steps that cost nothing are listed with 0.</summary>
    public required IReadOnlyList<StepCost> Steps { get; init; }

    /// <summary>HTTP requests per batch.</summary>
    public int Requests => Steps.Sum(s => s.Requests);

    /// <summary>With no daily quota: seconds the batch's calls take at the service's limits, one step after another; null under a quota.</summary>
    public double? SecondsPerBatch { get; init; }

    /// <summary>Batches a minute at the average rate the daily quota allows (with no daily quota, one batch after another at <see cref="SecondsPerBatch"/>).</summary>
    public required double BatchesPerMinute { get; init; }

    /// <summary>Users a minute that can change and be carried.</summary>
    public required double UsersPerMinute { get; init; }

    /// <summary>Batches a day.</summary>
    public required double BatchesPerDay { get; init; }

    /// <summary>Users a day.</summary>
    public required double UsersPerDay { get; init; }
}
