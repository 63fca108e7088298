namespace Highwater.Simulators.Salesforce;

/// <summary>A seeded Contact.</summary>
/// <param name="Id">Its 18-character id.</param>
/// <param name="Email">Its e-mail.</param>
public sealed record SalesforceSeededRecord(string Id, string? Email);
