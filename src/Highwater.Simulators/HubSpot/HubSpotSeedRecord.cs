namespace Highwater.Simulators.HubSpot;

/// <summary>One contact to seed.</summary>
public sealed record HubSpotSeedRecord
{
    /// <summary>Its record id (digits), or null for a new one.</summary>
    public string? Id { get; init; }

    /// <summary>Its e-mail address.</summary>
    public required string Email { get; init; }

    /// <summary>Other properties by internal name (<c>firstname</c>); one the account lacks is created.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();

    /// <summary>The MANUAL lists (by name) it is a member of.</summary>
    public IReadOnlyList<string> Lists { get; init; } = [];
}
