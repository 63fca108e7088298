using System.Globalization;

namespace Highwater.Simulators.Pardot;

public sealed partial class PardotSimulator
{
    /// <summary>Moves a prospect to the recycle bin as a person in Pardot would, no request counted; false when there is no active prospect with that id.</summary>
    public bool DeleteProspect(string id)
    {
        lock (_store.Gate)
        {
            if (ProspectById(id) is not { } prospect)
            {
                return false;
            }

            prospect.Deleted = true;
            prospect.UpdatedAt = _time.GetUtcNow();
            return true;
        }
    }

    /// <summary>Sets a prospect's field (<c>email</c> included; empty clears) as a person in Pardot would; false when there is no active prospect with that id.</summary>
    public bool EditProspect(string id, string field, string? value)
    {
        lock (_store.Gate)
        {
            if (ProspectById(id) is not { } prospect)
            {
                return false;
            }

            if (field == "email")
            {
                prospect.Email = value;
            }
            else
            {
                prospect.Set(field, value);
            }

            prospect.UpdatedAt = _time.GetUtcNow();
            return true;
        }
    }

    /// <summary>Adds a prospect to a list (made if missing) or takes it out, as a person in Pardot would; false when there is no active prospect with that id.</summary>
    public bool SetListMember(string id, string list, bool member)
    {
        lock (_store.Gate)
        {
            if (ProspectById(id) is not { } prospect)
            {
                return false;
            }

            var now = _time.GetUtcNow();
            var found = _store.ListByName(list) ?? _store.AddList(list, now);
            _ = member ? _store.Join(found, prospect.Id, now) : found.Members.Remove(prospect.Id);
            return true;
        }
    }

    private PardotProspect? ProspectById(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? _store.Active(n) : null;
}
