namespace Highwater.Core.Capabilities;

/// <summary>How list memberships change and how many records one membership call may carry.</summary>
/// <param name="Style">The membership style.</param>
/// <param name="MaxBatch">Most records one membership call may carry (both directions together for <see cref="MembershipStyle.PerList"/>).</param>
/// <param name="RequestsPerCall">HTTP requests one planned addition (or per-list) call costs against the quota.</param>
/// <param name="RemoveRequestsPerCall">HTTP requests one planned removal call costs; 0 means the same as <paramref name="RequestsPerCall"/>.</param>
/// <param name="ByForeignKey">
/// Whether a membership call addresses records by foreign key (Eloqua's bulk sync actions match
/// contacts by e-mail) rather than by remote id, so no record needs its id first.
/// </param>
public readonly record struct MembershipCapability(MembershipStyle Style, int MaxBatch = 0, int RequestsPerCall = 1, int RemoveRequestsPerCall = 0, bool ByForeignKey = false)
{
    /// <summary>Whether membership calls exist and address records by remote id.</summary>
    public bool NeedsRemoteIds => !ByForeignKey && Style is MembershipStyle.PerListAndDirection or MembershipStyle.PerList or MembershipStyle.AllLists;

    /// <summary>HTTP requests one planned removal call costs.</summary>
    public int RemovalCost => RemoveRequestsPerCall > 0 ? RemoveRequestsPerCall : RequestsPerCall;
}
