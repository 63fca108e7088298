using System.Globalization;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Mailchimp;

public sealed partial class MailchimpConnector
{
    /// <summary>
    /// The names a mapping may give the member's address (Mailchimp's <c>EMAIL</c> merge tag, its
    /// <c>email_address</c>): written as the address, which the foreign key is anyway.
    /// </summary>
    private static readonly HashSet<string> AddressFields = new(["EMAIL", "email", "email_address"], StringComparer.Ordinal);

    /// <inheritdoc />
    /// <remarks>
    /// <c>GET /lists/{list_id}/merge-fields</c> (1,000 a page): the audience's merge tags
    /// (<c>FNAME</c>, <c>LNAME</c>), the names a field mapping writes, and the address's names.
    /// </remarks>
    public async Task<IReadOnlySet<string>> DescribeFieldsAsync(CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"lists/{Uri.EscapeDataString(_options.ListId)}/merge-fields?count={MemberPage}");
        var answer = await SendAsync(CallTag.Metadata("fields"), HttpMethod.Get, path, null, mayApply: false, cancellationToken).ConfigureAwait(false);
        if (answer.Status != 200)
        {
            throw new ServiceCallException($"Mailchimp could not list the audience's merge fields: {answer.Describe()}", ServiceCallFailure.Permanent, answer.Status.ToString(CultureInfo.InvariantCulture));
        }

        return MailchimpJson.Objects(answer.Body?["merge_fields"])
            .Select(f => MailchimpJson.Text(f["tag"]))
            .OfType<string>()
            .Concat(AddressFields)
            .ToHashSet(StringComparer.Ordinal);
    }
}
