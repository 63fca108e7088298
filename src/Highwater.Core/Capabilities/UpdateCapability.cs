namespace Highwater.Core.Capabilities;

/// <summary>Updating records that exist.</summary>
/// <param name="MaxBatch">Most records one call may carry.</param>
/// <param name="ByRemoteId">Whether a record is addressed by its remote id (else by its current foreign key).</param>
/// <param name="PartialFields">Whether only changed fields may be sent (else every mapped field).</param>
/// <param name="RequestsPerCall">HTTP requests one planned call costs against the quota.</param>
public readonly record struct UpdateCapability(int MaxBatch, bool ByRemoteId = true, bool PartialFields = true, int RequestsPerCall = 1);
