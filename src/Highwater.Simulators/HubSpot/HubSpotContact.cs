namespace Highwater.Simulators.HubSpot;

/// <summary>One contact the account holds.</summary>
internal sealed class HubSpotContact(string id, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;

    /// <summary>Its properties by internal name, <c>email</c> included; an empty value is unset.</summary>
    public Dictionary<string, string> Properties { get; } = new(StringComparer.Ordinal);

    public string? Email => Properties.GetValueOrDefault("email");
}
