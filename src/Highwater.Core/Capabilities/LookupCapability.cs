namespace Highwater.Core.Capabilities;

/// <summary>Finding remote records by foreign key.</summary>
/// <param name="MaxKeys">Most foreign keys one call may ask for.</param>
/// <param name="ReturnsMemberships">Whether the answer also says which lists each record is in.</param>
/// <param name="RequestsPerCall">HTTP requests one planned call costs against the quota.</param>
public readonly record struct LookupCapability(int MaxKeys, bool ReturnsMemberships = false, int RequestsPerCall = 1);
