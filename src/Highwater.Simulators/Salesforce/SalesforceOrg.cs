namespace Highwater.Simulators.Salesforce;

/// <summary>
/// The org's data: Contacts, Campaigns, CampaignMembers and the recycle bin of deleted ids. Not
/// thread-safe: the simulator holds its lock around every use.
/// </summary>
internal sealed partial class SalesforceOrg(ContactSchema schema)
{
    private long _next;

    public ContactSchema Schema { get; } = schema;

    public Dictionary<string, ContactRecord> Contacts { get; private set; } = new(StringComparer.Ordinal);

    public Dictionary<string, CampaignRecord> Campaigns { get; private set; } = new(StringComparer.Ordinal);

    public Dictionary<string, MemberRecord> Members { get; private set; } = new(StringComparer.Ordinal);

    public HashSet<string> Deleted { get; private set; } = new(StringComparer.Ordinal);

    public void Clear()
    {
        Contacts.Clear();
        Campaigns.Clear();
        Members.Clear();
        Deleted.Clear();
        _next = 0;
    }

    /// <summary>A new id of the key prefix, never one in use or deleted.</summary>
    public string NewId(string prefix)
    {
        string id;
        do
        {
            id = SalesforceIds.Make(prefix, ++_next);
        }
        while (Exists(id) || Deleted.Contains(id));

        return id;
    }

    public long NextSeq() => ++_next;

    public bool Exists(string id) => Contacts.ContainsKey(id) || Campaigns.ContainsKey(id) || Members.ContainsKey(id);

    /// <summary>The campaigns of that name (Salesforce does not keep names unique), oldest first.</summary>
    public IEnumerable<CampaignRecord> CampaignsNamed(string name) =>
        Campaigns.Values.Where(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).OrderBy(c => c.Seq);

    public IEnumerable<MemberRecord> MembersOf(string contactId) => Members.Values.Where(m => m.ContactId == contactId).OrderBy(m => m.Seq);

    public CampaignRecord AddCampaign(string name, string? id = null)
    {
        var campaign = new CampaignRecord(id ?? NewId(SalesforceIds.CampaignPrefix), NextSeq(), name);
        Campaigns[campaign.Id] = campaign;
        return campaign;
    }

    public MemberRecord AddMember(string campaignId, string contactId)
    {
        var member = new MemberRecord(NewId(SalesforceIds.MemberPrefix), NextSeq(), campaignId, contactId);
        Members[member.Id] = member;
        return member;
    }

    /// <summary>A copy to roll back to (an <c>allOrNone</c> request that fails).</summary>
    public Action Snapshot()
    {
        var contacts = Contacts.ToDictionary(p => p.Key, p => Copy(p.Value), StringComparer.Ordinal);
        var campaigns = new Dictionary<string, CampaignRecord>(Campaigns, StringComparer.Ordinal);
        var members = new Dictionary<string, MemberRecord>(Members, StringComparer.Ordinal);
        var deleted = new HashSet<string>(Deleted, StringComparer.Ordinal);
        return () =>
        {
            Contacts = contacts;
            Campaigns = campaigns;
            Members = members;
            Deleted = deleted;
        };
    }

    private static ContactRecord Copy(ContactRecord contact)
    {
        var copy = new ContactRecord(contact.Id, contact.Seq);
        foreach (var (name, value) in contact.Fields)
        {
            copy.Fields[name] = value;
        }

        return copy;
    }
}
