using Highwater.Core.Governor;

namespace Highwater.Core.Scheduling;

/// <summary>
/// The answer to a planned batch: start it (its calls are counted; hold the lease while they are
/// made and dispose it after), or give its rows back and ask again at <see cref="Until"/>.
/// </summary>
public sealed record BatchGrant
{
    /// <summary>Whether the batch may start.</summary>
    public bool IsGo => Rule is ScheduleRule.Paid or ScheduleRule.Admitted;

    /// <summary><see cref="ScheduleRule.Paid"/> or <see cref="ScheduleRule.Admitted"/> when going; otherwise what holds the batch back.</summary>
    public required ScheduleRule Rule { get; init; }

    /// <summary>The governor's lease for the batch's calls; null when going with a plan that makes no call.</summary>
    public GovernorLease? Lease { get; init; }

    /// <summary>When holding back, the earliest instant to ask again.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Why, in words a user can read.</summary>
    public required string Reason { get; init; }
}
