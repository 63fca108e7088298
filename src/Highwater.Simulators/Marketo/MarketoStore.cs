namespace Highwater.Simulators.Marketo;

/// <summary>The simulator's leads and static lists; every access holds <see cref="Gate"/>.</summary>
internal sealed class MarketoStore
{
    /// <summary>The first id handed out when nothing was seeded.</summary>
    private const long FirstId = 1001;

    private long _lastLeadId = FirstId - 1;
    private long _lastListId = FirstId - 1;

    public Lock Gate { get; } = new();

    public SortedDictionary<long, MarketoLead> Leads { get; } = [];

    public SortedDictionary<long, MarketoStaticList> Lists { get; } = [];

    // Leads by e-mail, without regard to case: a lookup or upsert by e-mail must not scan every lead.
    private readonly Dictionary<string, HashSet<long>> _byEmail = new(StringComparer.OrdinalIgnoreCase);

    public MarketoLead AddLead(long? id, DateTimeOffset now)
    {
        var lead = new MarketoLead(id ?? ++_lastLeadId, now) { EmailChanged = Reindex };
        _lastLeadId = Math.Max(_lastLeadId, lead.Id);
        Leads[lead.Id] = lead;
        return lead;
    }

    public void RemoveLead(long id)
    {
        if (Leads.Remove(id, out var lead) && lead.Email is { } email)
        {
            Unindex(email, id);
        }

        foreach (var list in Lists.Values)
        {
            list.Members.Remove(id);
        }
    }

    public MarketoStaticList AddList(string name, long folderId, DateTimeOffset now)
    {
        var list = new MarketoStaticList(++_lastListId, name, folderId, now);
        Lists[list.Id] = list;
        return list;
    }

    public MarketoStaticList? ListByName(string name) => Lists.Values.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.Ordinal));

    /// <summary>Leads whose <paramref name="field"/> equals one of <paramref name="values"/> (e-mail without regard to case).</summary>
    public List<MarketoLead> FindBy(string field, IReadOnlySet<string> values) =>
        field == "email"
            ? values.SelectMany(v => _byEmail.TryGetValue(v, out var ids) ? ids : []).Distinct().Order().Select(id => Leads[id]).ToList()
            : Leads.Values.Where(l => l.Get(field) is { } value && values.Contains(value)).ToList();

    private void Reindex(MarketoLead lead, string? old)
    {
        if (old is not null)
        {
            Unindex(old, lead.Id);
        }

        if (lead.Email is { } email)
        {
            if (!_byEmail.TryGetValue(email, out var ids))
            {
                _byEmail[email] = ids = [];
            }

            ids.Add(lead.Id);
        }
    }

    private void Unindex(string email, long id)
    {
        if (_byEmail.TryGetValue(email, out var ids) && ids.Remove(id) && ids.Count == 0)
        {
            _byEmail.Remove(email);
        }
    }

    public void Clear()
    {
        Leads.Clear();
        _byEmail.Clear();
        Lists.Clear();
        _lastLeadId = FirstId - 1;
        _lastListId = FirstId - 1;
    }
}
