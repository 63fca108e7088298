namespace Highwater.Simulators.Eloqua;

public sealed partial class EloquaSimulator
{
    /// <summary>Deletes a contact (and its list memberships) as a person in Eloqua would, no request counted; false when there is none with that id.</summary>
    public bool DeleteContact(string id)
    {
        lock (_lock)
        {
            if (!_contacts.Remove(id))
            {
                return false;
            }

            foreach (var list in _lists.Values)
            {
                list.Members.Remove(id);
            }

            return true;
        }
    }

    /// <summary>Sets a contact's field by REST name (<c>emailAddress</c> included) as a person in Eloqua would; false when there is no contact with that id.</summary>
    public bool EditContact(string id, string field, string? value)
    {
        lock (_lock)
        {
            if (!_contacts.TryGetValue(id, out var contact))
            {
                return false;
            }

            contact.Fields[field] = value;
            contact.UpdatedAt = _time.GetUtcNow().ToUnixTimeSeconds();
            return true;
        }
    }

    /// <summary>Adds a contact to a contact list (made if missing) or takes it out, as a person in Eloqua would; false when there is no contact with that id.</summary>
    public bool SetListMember(string id, string list, bool member)
    {
        lock (_lock)
        {
            if (!_contacts.ContainsKey(id))
            {
                return false;
            }

            var found = ListNamed(list) ?? AddList(list);
            _ = member ? found.Members.Add(id) : found.Members.Remove(id);
            return true;
        }
    }
}
