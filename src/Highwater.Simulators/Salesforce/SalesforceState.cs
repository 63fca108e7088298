namespace Highwater.Simulators.Salesforce;

/// <summary>Everything the org holds (the answer of <c>GET /_sim/state</c>).</summary>
/// <param name="Records">The Contacts, oldest first.</param>
/// <param name="Lists">The campaigns, oldest first.</param>
public sealed record SalesforceState(IReadOnlyList<SalesforceStateRecord> Records, IReadOnlyList<SalesforceListInfo> Lists);
