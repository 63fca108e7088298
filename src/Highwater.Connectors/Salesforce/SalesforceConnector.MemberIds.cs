using System.Collections.Concurrent;

namespace Highwater.Connectors.Salesforce;

public sealed partial class SalesforceConnector
{
    /// <summary>
    /// CampaignMember ids by (Contact, Campaign), as the current batch's lookup answered them in its
    /// <c>CampaignMembers</c> subquery: a removal of such a pair needs only the delete. Forgotten when
    /// the next batch begins (<see cref="EnsureListsAsync"/>), so an id is never older than its batch:
    /// a member taken out and put back by hand since then has a new id, and deleting the old one would
    /// answer "already gone" while the membership stays.
    /// </summary>
    private ConcurrentDictionary<(string Contact, string Campaign), string> _memberIds = new();

    private void RememberMembers(string contactId, List<(string MemberId, string CampaignId)> members)
    {
        var memo = _memberIds;
        foreach (var (memberId, campaign) in members)
        {
            memo[(Id15(contactId), Id15(campaign))] = memberId;
        }
    }

    private void ForgetMembers() => _memberIds = new();

    private string? KnownMemberId(string contactId, string campaignId) =>
        _memberIds.TryGetValue((Id15(contactId), Id15(campaignId)), out var memberId) ? memberId : null;
}
