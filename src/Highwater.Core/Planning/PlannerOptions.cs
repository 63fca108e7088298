using Highwater.Core.Model;

namespace Highwater.Core.Planning;

/// <summary>How one destination plans its batches.</summary>
public sealed class PlannerOptions
{
    /// <summary>What the destination may do to remote records.</summary>
    public SyncMode Mode { get; set; } = SyncMode.Sync;

    /// <summary>Each synced group's remote list (a Marketo static list, a Salesforce campaign, ...). Unmapped groups are not synced.</summary>
    public IDictionary<string, string> ListsByGroup { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
