using Highwater.Connectors;

namespace Highwater.Engine.Configuration;

/// <summary>
/// The settings every destination takes, and lookups of which kinds take the others: each
/// service module (<see cref="ServiceModules"/>) names its own settings and credential keys, so a
/// setting of one service written under another is reported, not silently ignored.
/// </summary>
public static class DestinationKinds
{
    /// <summary>Settings every destination takes, whatever its kind.</summary>
    public static IReadOnlyList<string> Common { get; } =
        ["kind", "account", "baseUrl", "credentials", "foreignKey", "fields", "lists", "syncMode", "onKeyConflict", "batchSize", "window", "adaptive", "limits"];

    /// <summary>The kinds that take <paramref name="setting"/>, for a hint when another kind is given it.</summary>
    public static IEnumerable<string> Taking(string setting) =>
        ServiceModules.All.Where(m => m.Settings.Any(s => s.Name == setting)).Select(m => m.Kind);

    /// <summary>The kinds that take the credential <paramref name="key"/>.</summary>
    public static IEnumerable<string> TakingCredential(string key) =>
        ServiceModules.All.Where(m => m.Credentials.Contains(key, StringComparer.Ordinal)).Select(m => m.Kind);
}
