namespace Highwater.Simulators.Salesforce;

public sealed partial class SalesforceSimulator
{
    /// <summary>Deletes a Contact (and its CampaignMembers) as a person in Salesforce would, no request counted; false when there is none with that id.</summary>
    public bool DeleteContact(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_lock)
        {
            return _org.Contacts.ContainsKey(id) && _org.Delete(id).Success;
        }
    }

    /// <summary>Sets a Contact's field (<c>Email</c> included) as a person in Salesforce would; false when there is no Contact with that id.</summary>
    /// <exception cref="ArgumentException">Contact has no such field.</exception>
    public bool EditContact(string id, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_lock)
        {
            if (!_org.Contacts.TryGetValue(id, out var contact))
            {
                return false;
            }

            var spec = _org.Schema.Find(field) ?? throw new ArgumentException($"Contact has no field '{field}'", nameof(field));
            contact.Fields[spec.Name] = value;
            return true;
        }
    }

    /// <summary>Adds a Contact to a campaign (made if missing) or takes it out, as a person in Salesforce would; false when there is no Contact with that id.</summary>
    public bool SetCampaignMember(string id, string campaign, bool member)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_lock)
        {
            if (!_org.Contacts.ContainsKey(id))
            {
                return false;
            }

            var found = _org.CampaignsNamed(campaign).FirstOrDefault() ?? _org.AddCampaign(campaign);
            var existing = _org.MembersOf(id).Where(m => m.CampaignId == found.Id).ToList();
            if (member && existing.Count == 0)
            {
                _org.AddMember(found.Id, id);
            }
            else if (!member)
            {
                existing.ForEach(m => _org.Delete(m.Id));
            }

            return true;
        }
    }
}
