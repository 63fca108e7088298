namespace Highwater.Storage.Outbox;

/// <summary>How much waits for one destination.</summary>
/// <param name="Waiting">Rows waiting (claimed or not).</param>
/// <param name="OldestWaitingSince">When the oldest waiting change arrived; null when nothing waits.</param>
public readonly record struct OutboxDepth(long Waiting, DateTimeOffset? OldestWaitingSince);
