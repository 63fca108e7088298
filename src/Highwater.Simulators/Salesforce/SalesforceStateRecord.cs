namespace Highwater.Simulators.Salesforce;

/// <summary>One Contact as the org holds it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Email">Its e-mail.</param>
/// <param name="Fields">Its other non-empty fields by API name.</param>
/// <param name="Lists">The names of the campaigns it is a member of.</param>
public sealed record SalesforceStateRecord(string Id, string? Email, IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<string> Lists);
