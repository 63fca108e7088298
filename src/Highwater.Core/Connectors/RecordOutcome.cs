namespace Highwater.Core.Connectors;

/// <summary>What happened to one record of one call.</summary>
/// <param name="ProfileKey">The profile the record speaks for.</param>
/// <param name="Status">Done, retry later, or rejected.</param>
/// <param name="RemoteId">The record's remote id where the answer gives one (a create always does).</param>
/// <param name="Code">The service's own code for a failure (<c>1003</c>, <c>INVALID_EMAIL_ADDRESS</c>), or null.</param>
/// <param name="Reason">The service's message for a failure, or null.</param>
public sealed record RecordOutcome(string ProfileKey, RecordStatus Status, string? RemoteId = null, string? Code = null, string? Reason = null)
{
    /// <summary>
    /// An upsert by foreign key found a record already there and updated it, where the service says
    /// so (Marketo's <c>updated</c>, against <c>created</c>): for a profile never exported, a
    /// record someone else made, whose memberships the write did not learn.
    /// </summary>
    public bool Matched { get; init; }

    /// <summary>The record was applied.</summary>
    public static RecordOutcome Done(string profileKey, string? remoteId = null) => new(profileKey, RecordStatus.Done, remoteId);

    /// <summary>The service refused the record for a reason that will not go away by itself.</summary>
    public static RecordOutcome Rejected(string profileKey, string? code, string reason) => new(profileKey, RecordStatus.Rejected, null, code, reason);

    /// <summary>The record was not applied, for a reason that may pass (a lock, a transient error).</summary>
    public static RecordOutcome RetryLater(string profileKey, string? code, string reason) => new(profileKey, RecordStatus.RetryLater, null, code, reason);
}
