namespace Highwater.Simulators.Salesforce;

/// <summary>A Campaign.</summary>
internal sealed record CampaignRecord(string Id, long Seq, string Name);
