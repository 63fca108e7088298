namespace Highwater.Core.Scheduling;

/// <summary>The scheduler's options checked, every problem at once.</summary>
public sealed partial class BatchScheduler
{
    /// <summary>Every problem with <paramref name="options"/>, each naming its setting.</summary>
    public static IReadOnlyList<string> Validate(SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            problems.Add($"mode: must be adaptive or fixed (was {options.Mode})");
        }

        if (options.MinWindow <= TimeSpan.Zero)
        {
            problems.Add($"minWindow: must be longer than zero (was {options.MinWindow})");
        }

        if (options.MaxWindow < options.MinWindow)
        {
            problems.Add($"maxWindow: must be at least minWindow {options.MinWindow} (was {options.MaxWindow})");
        }

        if (options.BatchWindow <= TimeSpan.Zero)
        {
            problems.Add($"batchWindow: must be longer than zero (was {options.BatchWindow})");
        }
        else if (options.Mode == SchedulerMode.Adaptive && (options.BatchWindow < options.MinWindow || options.BatchWindow > options.MaxWindow))
        {
            problems.Add($"batchWindow: must lie between minWindow {options.MinWindow} and maxWindow {options.MaxWindow} in adaptive mode (was {options.BatchWindow})");
        }

        if (options.BatchSize < 1)
        {
            problems.Add($"batchSize: must be at least 1 (was {options.BatchSize})");
        }

        if (options.MaxBatchSize < Math.Max(1, options.BatchSize))
        {
            problems.Add($"maxBatchSize: must be at least batchSize {options.BatchSize} (was {options.MaxBatchSize})");
        }

        if (options.RateHalfLife <= TimeSpan.Zero)
        {
            problems.Add($"rateHalfLife: must be longer than zero (was {options.RateHalfLife})");
        }

        if (double.IsNaN(options.BackfillMargin) || options.BackfillMargin < 0)
        {
            problems.Add($"backfillMargin: must be at least 0 (was {options.BackfillMargin})");
        }

        if (options.SpendTheRestWithin < TimeSpan.Zero)
        {
            problems.Add($"spendTheRestWithin: must be zero or longer (was {options.SpendTheRestWithin})");
        }

        return problems;
    }
}
