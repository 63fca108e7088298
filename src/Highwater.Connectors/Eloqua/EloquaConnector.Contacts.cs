using System.Net;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Eloqua;

public sealed partial class EloquaConnector
{
    private const string Rest = "api/REST/1.0";

    /// <inheritdoc />
    /// <remarks>One REST search per key: <c>search=emailAddress='..'</c> (the API takes one term).</remarks>
    public async Task<IReadOnlyList<RemoteMatch>> LookupAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        await SettleOrphanSyncsAsync(cancellationToken).ConfigureAwait(false);
        var tag = CallTag.Data(CallKind.Lookup);
        var matches = new List<RemoteMatch>();
        foreach (var key in call.Records.Select(r => r.ForeignKey).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var search = Uri.EscapeDataString($"emailAddress='{key}'");
            var (status, body) = await SendAsync(tag, HttpMethod.Get, $"{Rest}/data/contacts?search={search}&depth=minimal&count=1000", null, cancellationToken).ConfigureAwait(false);
            Expect(tag, status, body, HttpStatusCode.OK);
            foreach (var element in (body?["elements"] as JsonArray ?? []).OfType<JsonObject>())
            {
                // The search matches the whole address, ignoring case; check it anyway.
                if (Text(element["id"]) is { } id && string.Equals(Text(element["emailAddress"]) ?? key, key, StringComparison.OrdinalIgnoreCase))
                {
                    matches.Add(new RemoteMatch(key, id));
                }
            }
        }

        return matches;
    }

    /// <summary>
    /// <c>PUT /data/contact/{id}</c>, one contact a request, with every mapped field and the
    /// (possibly new) e-mail address.
    /// </summary>
    private async Task<CallResult> UpdateAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var tag = CallTag.Data(CallKind.Update);
        var outcomes = new List<RecordOutcome>(call.Records.Count);
        foreach (var record in call.Records)
        {
            if (record.RemoteId is not { } id)
            {
                outcomes.Add(RecordOutcome.RetryLater(record.ProfileKey, null, "no contact id is known for the update"));
                continue;
            }

            var body = new JsonObject { ["id"] = id, [EloquaFields.Email] = record.ForeignKey };
            foreach (var (name, value) in record.Fields ?? new Dictionary<string, string?>())
            {
                if (!string.Equals(name, EloquaFields.Email, StringComparison.OrdinalIgnoreCase))
                {
                    body[name] = value;
                }
            }

            var (status, answer) = await SendAsync(tag, HttpMethod.Put, $"{Rest}/data/contact/{Uri.EscapeDataString(id)}", body, cancellationToken).ConfigureAwait(false);
            outcomes.Add(status switch
            {
                HttpStatusCode.OK => RecordOutcome.Done(record.ProfileKey, Text(answer?["id"]) ?? id),
                HttpStatusCode.NotFound => RecordOutcome.RetryLater(record.ProfileKey, "404", $"contact {id} no longer exists"),
                HttpStatusCode.BadRequest or HttpStatusCode.Conflict => Rejected(record, status, answer),
                _ => throw new ServiceCallException($"Eloqua update: HTTP {(int)status}", ServiceCallFailure.Unknown, ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            });
        }

        return new CallResult(outcomes);
    }

    /// <summary><c>DELETE /data/contact/{id}</c>, one contact a request; a contact already gone counts as deleted.</summary>
    private async Task<CallResult> DeleteAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var tag = CallTag.Data(CallKind.Delete);
        var outcomes = new List<RecordOutcome>(call.Records.Count);
        foreach (var record in call.Records)
        {
            if (record.RemoteId is not { } id)
            {
                outcomes.Add(RecordOutcome.RetryLater(record.ProfileKey, null, "no contact id is known for the delete"));
                continue;
            }

            var (status, answer) = await SendAsync(tag, HttpMethod.Delete, $"{Rest}/data/contact/{Uri.EscapeDataString(id)}", null, cancellationToken).ConfigureAwait(false);
            outcomes.Add(status is HttpStatusCode.OK or HttpStatusCode.NoContent or HttpStatusCode.NotFound
                ? RecordOutcome.Done(record.ProfileKey, id)
                : Rejected(record, status, answer));
        }

        return new CallResult(outcomes);
    }

    private static RecordOutcome Rejected(PlannedRecord record, HttpStatusCode status, JsonNode? answer)
    {
        var (code, reason) = Problem(status, answer);
        return RecordOutcome.Rejected(record.ProfileKey, code, reason);
    }
}
