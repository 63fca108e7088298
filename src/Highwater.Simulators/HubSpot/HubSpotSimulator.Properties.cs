using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.HubSpot;

public sealed partial class HubSpotSimulator
{
    // When the account's default properties were made, as HubSpot dates its own.
    private const string DefinedAt = "2019-08-06T02:41:52.000Z";

    // HubSpot's own contact properties as GET /crm/v3/properties/contacts describes them: label, type, field type, group.
    private static readonly Dictionary<string, (string Label, string Type, string FieldType, string Group)> Defaults = new(StringComparer.Ordinal)
    {
        ["email"] = ("Email", "string", "text", "contactinformation"),
        ["firstname"] = ("First Name", "string", "text", "contactinformation"),
        ["lastname"] = ("Last Name", "string", "text", "contactinformation"),
        ["jobtitle"] = ("Job Title", "string", "text", "contactinformation"),
        ["company"] = ("Company Name", "string", "text", "contactinformation"),
        ["phone"] = ("Phone Number", "string", "phonenumber", "contactinformation"),
        ["mobilephone"] = ("Mobile Phone Number", "string", "phonenumber", "contactinformation"),
        ["website"] = ("Website URL", "string", "text", "contactinformation"),
        ["address"] = ("Street Address", "string", "text", "contactinformation"),
        ["city"] = ("City", "string", "text", "contactinformation"),
        ["state"] = ("State/Region", "string", "text", "contactinformation"),
        ["zip"] = ("Postal Code", "string", "text", "contactinformation"),
        ["country"] = ("Country/Region", "string", "text", "contactinformation"),
        ["lifecyclestage"] = ("Lifecycle Stage", "enumeration", "radio", "contactinformation"),
        ["industry"] = ("Industry", "string", "text", "contactinformation"),
        ["hs_object_id"] = ("Record ID", "number", "number", "contactinformation"),
        ["createdate"] = ("Create Date", "datetime", "date", "contactinformation"),
        ["lastmodifieddate"] = ("Last Modified Date", "datetime", "date", "contactinformation"),
    };

    private static readonly string[] LifecycleStages = ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other"];

    /// <summary>
    /// <c>GET /crm/v3/properties/contacts</c>: every contact property of the account, unpaged
    /// (<c>CollectionResponsePropertyNoPaging</c>: <c>results</c> only), each a <c>Property</c> with
    /// its internal name, label, type and field type, group, options, display order, flags and
    /// <c>modificationMetadata</c>; HubSpot's own read-only ones (<c>hs_object_id</c>, <c>createdate</c>,
    /// <c>lastmodifieddate</c>) have <c>readOnlyValue</c> true, and a property a seed added is a custom one.
    /// </summary>
    private async Task PropertiesAsync(HttpContext context)
    {
        JsonObject answer;
        lock (_lock)
        {
            Count("fields");
            var order = 0;
            var all = _properties.Order(StringComparer.Ordinal).Select(p => (Name: p, ReadOnly: false))
                .Concat(ReadOnlyProperties.Select(p => (Name: p, ReadOnly: true)));
            answer = new JsonObject { ["results"] = new JsonArray([.. all.Select(p => (JsonNode)Property(p.Name, p.ReadOnly, order++))]) };
        }

        await WriteAsync(context, 200, answer);
    }

    private JsonObject Property(string name, bool readOnly, int order)
    {
        var hubSpots = Defaults.TryGetValue(name, out var known) && (readOnly || _options.Properties.Contains(name));
        var (label, type, fieldType, group) = hubSpots ? known : (name, "string", "text", "contactinformation");
        var created = hubSpots ? DefinedAt : Iso(_time.GetUtcNow());
        var options = name == "lifecyclestage"
            ? new JsonArray([.. LifecycleStages.Select((value, i) => (JsonNode)new JsonObject { ["label"] = value, ["value"] = value, ["displayOrder"] = i, ["hidden"] = false })])
            : [];
        var property = new JsonObject
        {
            ["updatedAt"] = created,
            ["createdAt"] = created,
            ["name"] = name,
            ["label"] = label,
            ["type"] = type,
            ["fieldType"] = fieldType,
            ["description"] = "",
            ["groupName"] = group,
            ["options"] = options,
            ["displayOrder"] = hubSpots ? order + 1 : -1,
            ["calculated"] = false,
            ["externalOptions"] = false,
            ["archived"] = false,
            ["hasUniqueValue"] = name == "email",
            ["hidden"] = false,
            ["hubspotDefined"] = hubSpots,
            ["modificationMetadata"] = new JsonObject
            {
                ["archivable"] = !readOnly && name != "email",
                ["readOnlyDefinition"] = hubSpots,
                ["readOnlyValue"] = readOnly,
            },
            ["formField"] = !readOnly,
            ["dataSensitivity"] = "non_sensitive",
        };
        if (hubSpots && type == "enumeration")
        {
            property["modificationMetadata"]!["readOnlyOptions"] = false;
        }

        return property;
    }
}
