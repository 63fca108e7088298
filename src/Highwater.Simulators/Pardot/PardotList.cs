namespace Highwater.Simulators.Pardot;

/// <summary>One static list and its memberships; guarded by the store's lock.</summary>
internal sealed class PardotList(long id, string name, DateTimeOffset createdAt)
{
    public long Id { get; } = id;

    public string Name { get; } = name;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Memberships by prospect id.</summary>
    public Dictionary<long, PardotMembership> Members { get; } = [];
}
