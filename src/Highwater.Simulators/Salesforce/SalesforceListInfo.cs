namespace Highwater.Simulators.Salesforce;

/// <summary>A campaign.</summary>
/// <param name="Id">Its 18-character id (prefix 701).</param>
/// <param name="Name">Its name.</param>
public sealed record SalesforceListInfo(string Id, string Name);
