namespace Highwater.Core.Capabilities;

/// <summary>How a service's API changes list memberships, which decides how they are batched.</summary>
public enum MembershipStyle
{
    /// <summary>The service has no lists, or the destination maps none.</summary>
    None,

    /// <summary>One call per list for additions and another for removals (Marketo static lists).</summary>
    PerListAndDirection,

    /// <summary>One call per list carries both additions and removals (Eloqua, HubSpot).</summary>
    PerList,

    /// <summary>All additions, for every list, in one call; all removals in another (Salesforce campaign members).</summary>
    AllLists,

    /// <summary>Memberships ride on the record write and cost no call of their own (Pardot).</summary>
    Inline,
}
