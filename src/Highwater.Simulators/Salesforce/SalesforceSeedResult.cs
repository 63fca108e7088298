namespace Highwater.Simulators.Salesforce;

/// <summary>The answer to a seed: the ids the records and campaigns got.</summary>
/// <param name="Records">Each seeded Contact's id and e-mail, in the seed's order.</param>
/// <param name="Lists">Every campaign named in the seed.</param>
public sealed record SalesforceSeedResult(IReadOnlyList<SalesforceSeededRecord> Records, IReadOnlyList<SalesforceListInfo> Lists);
