using System.Text.Json.Nodes;

namespace Highwater.Simulators.Eloqua;

/// <summary>A Bulk API definition: a contact import, or a contact sync-action definition.</summary>
internal sealed class EloquaDefinition
{
    public required string Uri { get; init; }

    public required bool IsImport { get; init; }

    /// <summary>An export definition: its sync reads contacts instead of writing them.</summary>
    public bool IsExport { get; init; }

    /// <summary>For an export: the contact list its <c>EXISTS('{{ContactList[id]}}')</c> filter names, or null for every contact.</summary>
    public string? FilterListId { get; init; }

    public required string Name { get; init; }

    /// <summary>Staged-data names to field statements, e.g. <c>firstName</c> → <c>{{Contact.Field(C_FirstName)}}</c>.</summary>
    public required Dictionary<string, string> Fields { get; init; }

    public required string IdentifierFieldName { get; init; }

    /// <summary>Sync actions: add or remove, and the contact list's id.</summary>
    public required List<(string Action, string ListId, string Destination)> SyncActions { get; init; }

    /// <summary>The definition as created (echoed on reads).</summary>
    public required JsonObject Json { get; init; }

    /// <summary>Rows uploaded and not yet synced.</summary>
    public List<JsonObject> Staging { get; } = [];

    /// <summary>The sync running on this definition, if any.</summary>
    public EloquaSync? ActiveSync { get; set; }
}
