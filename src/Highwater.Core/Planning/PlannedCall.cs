namespace Highwater.Core.Planning;

/// <summary>One API call of a plan, with its records.</summary>
/// <param name="Kind">What the call does.</param>
/// <param name="List">The list a per-list membership call addresses; null otherwise.</param>
/// <param name="Records">The records, never more than the operation's maximum.</param>
/// <param name="Requests">HTTP requests the call costs against the quota.</param>
public sealed record PlannedCall(CallKind Kind, string? List, IReadOnlyList<PlannedRecord> Records, int Requests = 1)
{
    /// <summary>
    /// An upsert that runs as one asynchronous bulk job (<see cref="Capabilities.BulkUpsertCapability"/>):
    /// by foreign key, every field, memberships inline, no ids answered; <see cref="Requests"/> is its estimate.
    /// </summary>
    public bool Bulk { get; init; }
}
