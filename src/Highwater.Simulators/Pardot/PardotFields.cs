using System.Text;

namespace Highwater.Simulators.Pardot;

/// <summary>
/// The prospect fields: their v4 names (<c>first_name</c>, as batchUpsert and read use them) in
/// the order the recorded read answer lists them, and their v5 names (<c>firstName</c>; custom
/// fields add <c>__c</c>), as the Import API's CSV headers use them.
/// </summary>
internal sealed class PardotFields
{
    /// <summary>The standard fields a v4 read answers, in its order (id, campaign and the rest are written apart).</summary>
    public static readonly string[] Standard =
    [
        "salutation", "first_name", "last_name", "email", "password", "company", "website", "job_title", "department",
        "country", "address_one", "address_two", "city", "state", "territory", "zip", "phone", "fax", "source",
        "annual_revenue", "employees", "industry", "years_in_business", "comments", "notes",
    ];

    /// <summary>Fields the API answers but no write may set.</summary>
    private static readonly HashSet<string> ReadOnly = new(StringComparer.Ordinal) { "password" };

    private readonly HashSet<string> _writable;
    private readonly Dictionary<string, string> _byV5;

    public PardotFields(IEnumerable<string> custom)
    {
        Custom = [.. custom];
        _writable = new HashSet<string>(Standard.Where(f => !ReadOnly.Contains(f)).Concat(Custom), StringComparer.Ordinal);
        _byV5 = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in _writable)
        {
            _byV5[V5Name(field)] = field;
        }
    }

    public IReadOnlyList<string> Custom { get; }

    /// <summary>Whether a v4 name is a field a write may set (email included).</summary>
    public bool IsWritable(string v4Name) => _writable.Contains(v4Name);

    /// <summary>The v4 name of a v5 CSV header, or null when no field has it.</summary>
    public string? FromV5(string v5Name) => _byV5.GetValueOrDefault(v5Name);

    /// <summary><c>first_name</c> → <c>firstName</c>; a custom field adds <c>__c</c>.</summary>
    public string V5Name(string v4Name)
    {
        var camel = new StringBuilder(v4Name.Length);
        var upper = false;
        foreach (var c in v4Name)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            camel.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return Custom.Contains(v4Name) ? camel + "__c" : camel.ToString();
    }
}
