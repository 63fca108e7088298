namespace Highwater.Simulators.Eloqua;

/// <summary>One contact list and its members' ids.</summary>
internal sealed class EloquaList(string id, string name, long createdAt)
{
    public string Id { get; } = id;

    public string Name { get; set; } = name;

    public long CreatedAt { get; } = createdAt;

    public long UpdatedAt { get; set; } = createdAt;

    public HashSet<string> Members { get; } = new(StringComparer.Ordinal);
}
