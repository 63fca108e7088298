namespace Highwater.Core.Capabilities;

/// <summary>A batch operation addressed by remote id (delete) or carrying new records (create).</summary>
/// <param name="MaxBatch">Most records one call may carry.</param>
/// <param name="RequestsPerCall">HTTP requests one planned call costs against the quota.</param>
public readonly record struct BatchCapability(int MaxBatch, int RequestsPerCall = 1);
