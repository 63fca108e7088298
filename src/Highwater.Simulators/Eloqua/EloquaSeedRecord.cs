namespace Highwater.Simulators.Eloqua;

/// <summary>One contact to seed.</summary>
public sealed record EloquaSeedRecord
{
    /// <summary>Its id (digits), or null for a new one.</summary>
    public string? Id { get; init; }

    /// <summary>Its e-mail address.</summary>
    public required string Email { get; init; }

    /// <summary>Other fields by REST name (<c>firstName</c>).</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();

    /// <summary>The contact lists (by name) it is a member of.</summary>
    public IReadOnlyList<string> Lists { get; init; } = [];
}
