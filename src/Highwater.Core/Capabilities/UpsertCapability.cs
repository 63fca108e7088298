namespace Highwater.Core.Capabilities;

/// <summary>Creating or updating in one call, matched by foreign key.</summary>
/// <param name="MaxBatch">Most records one call may carry.</param>
/// <param name="ByRemoteId">Whether a record may instead be addressed by remote id, so its foreign key can change.</param>
/// <param name="ReturnsIds">Whether the answer gives each record's remote id.</param>
/// <param name="PartialFields">Whether only changed fields may be sent for records that exist.</param>
/// <param name="RequestsPerCall">HTTP requests one planned call costs against the quota.</param>
public readonly record struct UpsertCapability(int MaxBatch, bool ByRemoteId = false, bool ReturnsIds = true, bool PartialFields = true, int RequestsPerCall = 1);
