namespace Highwater.Storage.Profiles;

/// <summary>A profile as the buffer holds it: properties merged from every source, and its groups.</summary>
/// <param name="Key">The profile key.</param>
/// <param name="Properties">Merged properties (invariant text; null for a null value).</param>
/// <param name="Groups">Groups it belongs to.</param>
/// <param name="Deleted">Whether it should no longer exist remotely.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record StoredProfile(
    string Key,
    IReadOnlyDictionary<string, string?> Properties,
    IReadOnlySet<string> Groups,
    bool Deleted,
    DateTimeOffset UpdatedAt);
