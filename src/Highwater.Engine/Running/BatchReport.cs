using Highwater.Core.Scheduling;
using Highwater.Storage.Ingest;

namespace Highwater.Engine.Running;

/// <summary>What one batch of one destination did.</summary>
public sealed record BatchReport
{
    /// <summary>The destination.</summary>
    public required string Destination { get; init; }

    /// <summary>The lane the rows came from.</summary>
    public OutboxLane Lane { get; init; }

    /// <summary>Rows claimed from the outbox.</summary>
    public int Rows { get; init; }

    /// <summary>Profiles whose remote record now matches them.</summary>
    public int Exported { get; init; }

    /// <summary>Profiles deleted remotely.</summary>
    public int Deleted { get; init; }

    /// <summary>Profiles with nothing to do (the sync mode forbids it, or the profile is gone from the buffer).</summary>
    public int Skipped { get; init; }

    /// <summary>Profiles held back for a later batch (another profile of the batch shares their foreign key).</summary>
    public int Deferred { get; init; }

    /// <summary>Profiles that failed for now and wait for a retry.</summary>
    public int RetryLater { get; init; }

    /// <summary>Profiles the service (or the engine, for missing data) refused: each is a dead letter with its reason.</summary>
    public int Rejected { get; init; }

    /// <summary>Profiles put to the dead letters after too many failed attempts.</summary>
    public int GaveUp { get; init; }

    /// <summary>Rows given back unexported because the schedule held the batch (see <see cref="HeldBy"/>).</summary>
    public int Held { get; init; }

    /// <summary>The planner's estimate of the batch's calls, from what Highwater knows of the remote records.</summary>
    public int EstimatedCalls { get; init; }

    /// <summary>Data calls made, by kind (lookup, create, listAdd...).</summary>
    public IReadOnlyDictionary<string, long> Calls { get; init; } = new Dictionary<string, long>();

    /// <summary>What the batch would have cost at one call per profile and step (every record of every call its own call): the naive sync's bill.</summary>
    public long UnbatchedCalls { get; init; }

    /// <summary>Metadata calls made (lists, auth, adoption reads).</summary>
    public long MetadataCalls { get; init; }

    /// <summary>Rate or quota errors the service answered (the governor exists to keep this 0).</summary>
    public long RateLimitErrors { get; init; }

    /// <summary>What held the batch, when it did not go.</summary>
    public ScheduleRule? HeldBy { get; init; }

    /// <summary>Until when it is held.</summary>
    public DateTimeOffset? HeldUntil { get; init; }

    /// <summary>Why it was held, in words.</summary>
    public string? HeldReason { get; init; }

    /// <summary>
    /// When the batch was held because a day-long quota is spent: how the quota comes back, in words
    /// (<c>reset, America/Chicago</c>; <c>rolling 24 h</c>); <see cref="HeldUntil"/> says when.
    /// </summary>
    public string? QuotaWait { get; init; }

    /// <summary>The first few failures, each naming the profile and the reason.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>Data calls made in all.</summary>
    public long DataCalls => Calls.Values.Sum();
}
