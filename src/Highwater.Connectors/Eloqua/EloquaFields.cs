namespace Highwater.Connectors.Eloqua;

/// <summary>
/// The standard contact fields by REST name and Eloqua internal name (the name a Bulk API
/// statement takes: <c>{{Contact.Field(C_FirstName)}}</c>), from Eloqua's contact field list.
/// </summary>
internal static class EloquaFields
{
    public const string Email = "emailAddress";

    private static readonly Dictionary<string, string> Standard = new(StringComparer.OrdinalIgnoreCase)
    {
        [Email] = "C_EmailAddress",
        ["firstName"] = "C_FirstName",
        ["lastName"] = "C_LastName",
        ["title"] = "C_Title",
        ["accountName"] = "C_Company",
        ["businessPhone"] = "C_BusPhone",
        ["mobilePhone"] = "C_MobilePhone",
        ["address1"] = "C_Address1",
        ["city"] = "C_City",
        ["province"] = "C_State_Prov",
        ["postalCode"] = "C_Zip_Postal",
        ["country"] = "C_Country",
    };

    /// <summary>The Bulk API statement of a destination field, or null when the field is unknown.</summary>
    public static string? Statement(string field, IDictionary<string, string> custom)
    {
        var internalName = custom.TryGetValue(field, out var c) ? c
            : Standard.TryGetValue(field, out var s) ? s
            : field.StartsWith("C_", StringComparison.Ordinal) ? field
            : null;
        return internalName is null ? null : $"{{{{Contact.Field({internalName})}}}}";
    }

    /// <summary>
    /// The destination field names a mapping may use, given the internal names of the contact
    /// fields the instance has: each present standard field by its REST name, each present custom
    /// field by its configured name, and every internal name as it is.
    /// </summary>
    public static IReadOnlySet<string> Writable(IReadOnlyCollection<string> internalNames, IDictionary<string, string> custom)
    {
        var present = new HashSet<string>(internalNames, StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(internalNames, StringComparer.Ordinal);
        foreach (var (name, internalName) in Standard.Concat(custom))
        {
            if (present.Contains(internalName))
            {
                names.Add(name);
            }
        }

        return names;
    }
}
