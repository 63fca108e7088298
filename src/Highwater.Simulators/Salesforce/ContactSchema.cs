using System.Text.RegularExpressions;

namespace Highwater.Simulators.Salesforce;

/// <summary>
/// The writable Contact fields: the standard ones with their documented lengths (Contact object
/// reference: FirstName 40, LastName 80 and required, Email 80, ...) and the org's custom fields.
/// </summary>
internal sealed partial class ContactSchema
{
    private static readonly FieldSpec[] Standard =
    [
        new("FirstName", "First Name", 40),
        new("LastName", "Last Name", 80, IsRequired: true),
        new("Email", "Email", 80, IsEmail: true),
        new("Phone", "Business Phone", 40),
        new("MobilePhone", "Mobile Phone", 40),
        new("Title", "Title", 128),
        new("Department", "Department", 80),
        new("LeadSource", "Lead Source", 255),
        new("MailingStreet", "Mailing Street", 255),
        new("MailingCity", "Mailing City", 40),
        new("MailingState", "Mailing State/Province", 80),
        new("MailingPostalCode", "Mailing Zip/Postal Code", 20),
        new("MailingCountry", "Mailing Country", 80),
        new("Description", "Contact Description", 32000),
    ];

    private readonly Dictionary<string, FieldSpec> _fields = new(StringComparer.OrdinalIgnoreCase);

    public ContactSchema(IEnumerable<KeyValuePair<string, int>> customFields)
    {
        foreach (var field in Standard)
        {
            _fields[field.Name] = field;
        }

        foreach (var (name, length) in customFields)
        {
            _fields[name] = new FieldSpec(name, name.EndsWith("__c", StringComparison.OrdinalIgnoreCase) ? name[..^3].Replace('_', ' ') : name, length);
        }
    }

    /// <summary>The field of that name (any case), or null when Contact has none.</summary>
    public FieldSpec? Find(string name) => _fields.GetValueOrDefault(name);

    /// <summary>Every writable field.</summary>
    public IEnumerable<FieldSpec> Fields => _fields.Values;

    /// <summary>Whether a value passes Salesforce's e-mail check (local part, @, a dotted domain).</summary>
    public static bool IsEmail(string value) => EmailPattern().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
