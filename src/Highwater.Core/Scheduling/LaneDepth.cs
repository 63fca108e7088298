namespace Highwater.Core.Scheduling;

/// <summary>What waits in one lane of a destination's outbox.</summary>
/// <param name="Waiting">Rows waiting (one per profile: newer changes replace older ones).</param>
/// <param name="OldestWaitingSince">When the oldest change still waiting arrived; null when nothing waits.</param>
public readonly record struct LaneDepth(long Waiting, DateTimeOffset? OldestWaitingSince);
