namespace Highwater.Simulators.Salesforce;

/// <summary>A CampaignMember: one Contact in one Campaign.</summary>
internal sealed record MemberRecord(string Id, long Seq, string CampaignId, string ContactId);
