namespace Highwater.Simulators.Salesforce;

/// <summary>A Contact: its id, creation order and field values (canonical field names).</summary>
internal sealed class ContactRecord(string id, long seq)
{
    public string Id { get; } = id;

    public long Seq { get; } = seq;

    public Dictionary<string, string?> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Email => Fields.GetValueOrDefault("Email");
}
