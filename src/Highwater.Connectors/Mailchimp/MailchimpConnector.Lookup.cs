using System.Globalization;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Mailchimp;

public sealed partial class MailchimpConnector
{
    /// <summary>
    /// Which of the keys a member holds: <c>GET /lists/{list_id}/members/{hash}</c> for each, one
    /// request a key or one Batch Operation for <see cref="MailchimpService.BatchOperationRequests"/> or
    /// more. A member's address is its e-mail's hash, so no lookup is needed to write one; the planner
    /// asks only where something is in doubt (a move or a delete whose answer was lost, a key changing
    /// or contested), so that it touches only records the profile owns. An archived member is absent:
    /// a batch subscribe brings it back as a new one.
    /// </summary>
    public async Task<IReadOnlyList<RemoteMatch>> LookupAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var keys = call.Records.Select(r => r.ForeignKey).OfType<string>().Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var operations = keys.Select((key, i) => new MailchimpOperation(i, HttpMethod.Get, Members + SubscriberHash(key) + "?fields=id,email_address,status", null)).ToList();
        var answers = await RunAsync(CallTag.Data(CallKind.Lookup), operations, cancellationToken).ConfigureAwait(false);
        var matches = new List<RemoteMatch>();
        for (var i = 0; i < keys.Count; i++)
        {
            // A key the answers leave out is not known to be free: nothing is decided on it.
            var answer = answers.GetValueOrDefault(i) ?? throw new ServiceCallException($"Mailchimp lookup: no answer for {keys[i]}", ServiceCallFailure.Transient);
            if (answer.Status == 404)
            {
                continue;
            }

            if (answer.Status != 200)
            {
                throw new ServiceCallException($"Mailchimp lookup: {answer.Describe()}", answer.Status is 429 or >= 500 ? ServiceCallFailure.Transient : ServiceCallFailure.Permanent, answer.Status.ToString(CultureInfo.InvariantCulture));
            }

            if (MailchimpJson.Text(answer.Body?["status"]) != "archived" && MailchimpJson.Text(answer.Body?["id"]) is { } id)
            {
                matches.Add(new RemoteMatch(keys[i], id));
            }
        }

        return matches;
    }
}
