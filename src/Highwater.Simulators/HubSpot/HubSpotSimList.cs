namespace Highwater.Simulators.HubSpot;

/// <summary>One contact list the account holds.</summary>
internal sealed class HubSpotSimList(string id, string name, string processingType, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>MANUAL, SNAPSHOT or DYNAMIC.</summary>
    public string ProcessingType { get; } = processingType;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Member record ids, with when each joined.</summary>
    public Dictionary<string, DateTimeOffset> Members { get; } = new(StringComparer.Ordinal);
}
