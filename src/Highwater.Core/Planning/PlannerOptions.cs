using Highwater.Core.Model;

namespace Highwater.Core.Planning;

/// <summary>How one destination plans its batches.</summary>
public sealed class PlannerOptions
{
    /// <summary>What the destination may do to remote records.</summary>
    public SyncMode Mode { get; set; } = SyncMode.Sync;

    /// <summary>Each synced group's remote list (a Marketo static list, a Salesforce campaign, ...). Unmapped groups are not synced.</summary>
    public IDictionary<string, string> ListsByGroup { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>What happens when a profile's foreign key is held by a record it does not own.</summary>
    public KeyConflictPolicy OnKeyConflict { get; set; } = KeyConflictPolicy.Reject;

    /// <summary>
    /// The share (0..1) of the day's quota left, read once a batch where a service has a bulk path
    /// (the rate governor's <c>DayQuotaLeft</c>): the less is left, the smaller the saving that makes
    /// a bulk job worth its wait. Null counts the quota as untouched.
    /// </summary>
    public Func<double>? QuotaLeft { get; set; }

    /// <summary>The foreign key as the user names it (the source property, say <c>email</c>), for the reasons a conflict gives.</summary>
    public string ForeignKeyName { get; set; } = "foreign key";
}
