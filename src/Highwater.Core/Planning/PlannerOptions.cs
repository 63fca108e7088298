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

    /// <summary>The foreign key as the user names it (the source property, say <c>email</c>), for the reasons a conflict gives.</summary>
    public string ForeignKeyName { get; set; } = "foreign key";
}
