namespace Highwater.Simulators.Pardot;

/// <summary>The business unit's prospects, lists and imports. Every member is guarded by <see cref="Gate"/>.</summary>
internal sealed class PardotStore
{
    /// <summary>The first prospect id handed out (the recording's ids are of this size).</summary>
    private const long FirstProspectId = 23_828_580;

    private long _nextProspectId = FirstProspectId;
    private long _nextListId = 233_086;
    private long _nextMembershipId = 30_061_734;
    private long _nextImportId = 1;

    public Lock Gate { get; } = new();

    public Dictionary<long, PardotProspect> Prospects { get; } = [];

    public Dictionary<long, PardotList> Lists { get; } = [];

    public Dictionary<long, PardotImport> Imports { get; } = [];

    public PardotProspect AddProspect(long? id, DateTimeOffset now)
    {
        var prospect = new PardotProspect(id ?? _nextProspectId, now);
        _nextProspectId = Math.Max(_nextProspectId, prospect.Id) + 2; // Pardot's ids step by two in the recording
        Prospects[prospect.Id] = prospect;
        return prospect;
    }

    /// <summary>Prospects not in the recycle bin with this e-mail, the most recently updated first.</summary>
    public List<PardotProspect> ByEmail(string email) =>
        [.. Prospects.Values.Where(p => !p.Deleted && string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase)).OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id)];

    public PardotProspect? Active(long id) => Prospects.TryGetValue(id, out var p) && !p.Deleted ? p : null;

    public PardotList AddList(string name, DateTimeOffset now)
    {
        var list = new PardotList(_nextListId, name, now);
        _nextListId += 2;
        Lists[list.Id] = list;
        return list;
    }

    public PardotList? ListByName(string name) =>
        Lists.Values.Where(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase)).OrderBy(l => l.Id).FirstOrDefault();

    /// <summary>Adds a membership; true when the prospect was not in the list (a second add is ignored, as Pardot does).</summary>
    public bool Join(PardotList list, long prospectId, DateTimeOffset now)
    {
        if (list.Members.ContainsKey(prospectId))
        {
            return false;
        }

        list.Members[prospectId] = new PardotMembership(_nextMembershipId, list.Id, prospectId, now);
        _nextMembershipId += 2;
        return true;
    }

    public IEnumerable<PardotList> ListsOf(long prospectId) => Lists.Values.Where(l => l.Members.ContainsKey(prospectId)).OrderBy(l => l.Id);

    public PardotImport AddImport(bool createOnNoMatch, IReadOnlyDictionary<string, (bool Overwrite, bool NullOverwrite)> fieldOptions, DateTimeOffset now)
    {
        var import = new PardotImport(_nextImportId++, createOnNoMatch, fieldOptions, now);
        Imports[import.Id] = import;
        return import;
    }

    public void Clear()
    {
        Prospects.Clear();
        Lists.Clear();
        Imports.Clear();
        _nextProspectId = FirstProspectId;
        _nextListId = 233_086;
        _nextMembershipId = 30_061_734;
        _nextImportId = 1;
    }
}
