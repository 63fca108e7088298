namespace Highwater.Engine.Configuration;

/// <summary>
/// The settings and credential keys each destination kind accepts, one small description per
/// service, so a setting of one service written under another is reported, not silently ignored.
/// </summary>
public static class DestinationKinds
{
    /// <summary>Settings every destination takes, whatever its kind.</summary>
    public static IReadOnlyList<string> Common { get; } =
        ["kind", "account", "baseUrl", "credentials", "foreignKey", "fields", "lists", "syncMode", "onKeyConflict", "batchSize", "window", "adaptive", "limits"];

    /// <summary>Marketo: lists it may create go into <c>listFolder</c>.</summary>
    public static DestinationKind Marketo { get; } = new("marketo", ["listFolder"], ["clientId", "clientSecret"]);

    /// <summary>Salesforce: nothing beyond the common settings.</summary>
    public static DestinationKind Salesforce { get; } = new("salesforce", [], ["clientId", "clientSecret"]);

    /// <summary>Pardot: its Salesforce login, the import campaign and what an import's wait is worth, and the custom fields v4 cannot list.</summary>
    public static DestinationKind Pardot { get; } = new("pardot", ["loginUrl", "importCampaignId", "importLatencyCalls", "customFields"], ["clientId", "clientSecret", "businessUnitId"]);

    /// <summary>Eloqua: nothing beyond the common settings; it signs in with company, user and password.</summary>
    public static DestinationKind Eloqua { get; } = new("eloqua", [], ["company", "username", "password"]);

    /// <summary>Every kind, by name, matched case-insensitively.</summary>
    public static IReadOnlyDictionary<string, DestinationKind> ByName { get; } =
        new[] { Marketo, Salesforce, Pardot, Eloqua }.ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The kinds that take <paramref name="setting"/>, for a hint when another kind is given it.</summary>
    public static IEnumerable<string> Taking(string setting) =>
        ByName.Values.Where(k => k.Settings.Contains(setting, StringComparer.Ordinal)).Select(k => k.Name);

    /// <summary>The kinds that take the credential <paramref name="key"/>.</summary>
    public static IEnumerable<string> TakingCredential(string key) =>
        ByName.Values.Where(k => k.Credentials.Contains(key, StringComparer.Ordinal)).Select(k => k.Name);
}
