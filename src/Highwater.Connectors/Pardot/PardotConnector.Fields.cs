using Highwater.Core.Connectors;

namespace Highwater.Connectors.Pardot;

public sealed partial class PardotConnector : IFieldDescriber
{
    // The prospect fields API v4 lets a write set (Prospects: "Prospect Fields"; password and the
    // ids are read-only), by their v4 names. v4 has no describe call for standard fields, so the
    // list is the documented one; custom fields are those configured (PardotConnectorOptions.CustomFields).
    private static readonly string[] StandardFields =
    [
        "salutation", "first_name", "last_name", "email", "company", "website", "job_title", "department",
        "country", "address_one", "address_two", "city", "state", "territory", "zip", "phone", "fax", "source",
        "annual_revenue", "employees", "industry", "years_in_business", "comments", "notes", "opted_out", "is_do_not_email", "is_do_not_call",
    ];

    /// <inheritdoc />
    /// <remarks>Answers without a call: the documented standard fields and the configured custom ones.</remarks>
    public Task<IReadOnlySet<string>> DescribeFieldsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlySet<string> fields = new HashSet<string>(StandardFields.Concat(_options.CustomFields), StringComparer.Ordinal);
        return Task.FromResult(fields);
    }
}
