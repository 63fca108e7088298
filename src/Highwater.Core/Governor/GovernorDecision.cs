using System.Diagnostics.CodeAnalysis;

namespace Highwater.Core.Governor;

/// <summary>
/// The governor's answer: go now, holding a <see cref="GovernorLease"/>, or wait until
/// <see cref="Until"/>. Backpressure is this value, never an exception; and a wait is not a failed
/// attempt, so a caller must not count it against any retry budget.
/// </summary>
public readonly record struct GovernorDecision
{
    private GovernorDecision(GovernorLease? lease, DateTimeOffset until, GovernorWaitReason reason, string? window)
    {
        Lease = lease;
        Until = until;
        Reason = reason;
        Window = window;
    }

    /// <summary>The lease to hold while the calls are made, and to dispose when they end; null when waiting.</summary>
    public GovernorLease? Lease { get; }

    /// <summary>Whether the calls may go now.</summary>
    [MemberNotNullWhen(true, nameof(Lease))]
    public bool IsGo => Lease is not null;

    /// <summary>
    /// When waiting, the earliest instant the calls could go as far as the governor knows (asking again
    /// then may still meet a full concurrency limit or other workers' calls). For
    /// <see cref="GovernorWaitReason.ConcurrencyLimit"/> it is the instant of the answer: a slot frees
    /// when a call in flight ends, at no time known in advance. When going, the instant of the answer.
    /// </summary>
    public DateTimeOffset Until { get; }

    /// <summary>Why waiting; <see cref="GovernorWaitReason.None"/> when going.</summary>
    public GovernorWaitReason Reason { get; }

    /// <summary>The window that stands in the way, when one does.</summary>
    public string? Window { get; }

    /// <summary>Go now, holding <paramref name="lease"/>.</summary>
    public static GovernorDecision Go(GovernorLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return new(lease, lease.AcquiredAt, GovernorWaitReason.None, null);
    }

    /// <summary>Wait until <paramref name="until"/>.</summary>
    public static GovernorDecision Wait(DateTimeOffset until, GovernorWaitReason reason, string? window = null) => new(null, until, reason, window);
}
