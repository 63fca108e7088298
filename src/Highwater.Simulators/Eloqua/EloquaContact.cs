namespace Highwater.Simulators.Eloqua;

/// <summary>One contact: id, creation order and fields by REST name (<c>emailAddress</c> among them).</summary>
internal sealed class EloquaContact(string id, long createdAt)
{
    public string Id { get; } = id;

    public long CreatedAt { get; } = createdAt;

    public long UpdatedAt { get; set; } = createdAt;

    public Dictionary<string, string?> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string Email => Fields.GetValueOrDefault("emailAddress") ?? "";
}
