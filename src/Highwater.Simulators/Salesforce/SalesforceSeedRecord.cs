namespace Highwater.Simulators.Salesforce;

/// <summary>One Contact to seed.</summary>
public sealed record SalesforceSeedRecord
{
    /// <summary>Its id (a 15- or 18-character Contact id, kept as given), or null for a new one.</summary>
    public string? Id { get; init; }

    /// <summary>Its e-mail (the Email field).</summary>
    public string? Email { get; init; }

    /// <summary>Other Contact fields by API name.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();

    /// <summary>The campaigns (by name) it is a member of.</summary>
    public IReadOnlyList<string> Lists { get; init; } = [];
}
