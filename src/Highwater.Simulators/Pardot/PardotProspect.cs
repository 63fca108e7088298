namespace Highwater.Simulators.Pardot;

/// <summary>One prospect held by the simulator; guarded by the store's lock.</summary>
internal sealed class PardotProspect(long id, DateTimeOffset createdAt)
{
    public long Id { get; } = id;

    public string? Email { get; set; }

    public long CampaignId { get; set; }

    /// <summary>Field values by v4 name (<c>first_name</c>); absent and null both mean none.</summary>
    public Dictionary<string, string?> Fields { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;

    /// <summary>In the recycle bin: read and query see it only when asked for deleted prospects.</summary>
    public bool Deleted { get; set; }

    public string? Get(string field) => Fields.GetValueOrDefault(field);

    /// <summary>Sets a field; an empty value clears it, as the v4 API documents.</summary>
    public void Set(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Fields.Remove(field);
        }
        else
        {
            Fields[field] = value;
        }
    }
}
