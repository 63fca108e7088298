namespace Highwater.Core.Scheduling;

/// <summary>
/// The scheduler's answer for one destination: flush a batch of at most <see cref="Rows"/> rows of
/// <see cref="Lane"/>, or ask again at <see cref="NotBefore"/> (or when changes arrive).
/// </summary>
public sealed record ScheduleDecision
{
    /// <summary>The rule that decided.</summary>
    public required ScheduleRule Rule { get; init; }

    /// <summary>The lane to flush, or the lane the wait concerns.</summary>
    public Lane Lane { get; init; }

    /// <summary>Rows to claim for the batch (oldest first); 0 when waiting.</summary>
    public int Rows { get; init; }

    /// <summary>When waiting, the earliest instant the answer could change without new changes arriving; null when only an arrival can change it.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Why, in words a user can read.</summary>
    public required string Reason { get; init; }

    /// <summary>Whether a batch should go now.</summary>
    public bool IsFlush => Rule is ScheduleRule.FullBatch or ScheduleRule.WindowElapsed;
}
