namespace Highwater.Simulators.Marketo;

/// <summary>One static list and its members. Guarded by the store's lock.</summary>
internal sealed class MarketoStaticList(long id, string name, long folderId, DateTimeOffset createdAt)
{
    public long Id { get; } = id;

    public string Name { get; } = name;

    public long FolderId { get; } = folderId;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public HashSet<long> Members { get; } = [];
}
