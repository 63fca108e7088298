namespace Highwater.Benchmarks.Day;

/// <summary>
/// One profile of the simulated day in 16 bytes, so building its request, applying its export and
/// answering its lookup touch one cache line rather than one per array: what it should look like,
/// what Highwater last exported, and what the service holds.
/// </summary>
internal struct ProfileState
{
    public int FieldVersion;
    public int ExportedFieldVersion;
    public byte EmailVersion;
    public byte ExportedEmailVersion;
    public byte RemoteEmailVersion;
    public byte Groups;
    public byte ExportedGroups;
    public bool Deleted;
    public bool Exported;
    public bool Remote;
}
