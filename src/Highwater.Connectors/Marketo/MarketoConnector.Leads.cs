using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Marketo;

public sealed partial class MarketoConnector
{
    /// <inheritdoc />
    /// <remarks>Marketo's lookup answers no list memberships: every match's <see cref="RemoteMatch.Lists"/> is null.</remarks>
    public async Task<IReadOnlyList<RemoteMatch>> LookupAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var fk = _options.ForeignKeyField;

        // A value holding a comma cannot travel in filterValues; no lead can be found by it.
        var keys = call.Records.Select(r => r.ForeignKey).OfType<string>()
            .Where(k => k.Length > 0 && !k.Contains(',', StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var asked = keys.ToDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase);
        var matches = new List<RemoteMatch>();
        foreach (var chunk in keys.Chunk(_options.BatchSize))
        {
            string? page = null;
            do
            {
                var parameters = new List<KeyValuePair<string, string>>
                {
                    new("filterType", fk),
                    new("filterValues", string.Join(',', chunk)),
                    new("fields", "id," + fk),
                };
                if (page is not null)
                {
                    parameters.Add(new("nextPageToken", page));
                }

                var answer = await _client.SendAsync(CallTag.Data(CallKind.Lookup), () => LookupRequest(parameters), mayApply: false, cancellationToken).ConfigureAwait(false);
                var result = MarketoJson.Result(answer);
                foreach (var lead in result.OfType<JsonObject>())
                {
                    var value = MarketoJson.Text(lead[fk]);
                    if (MarketoJson.Id(lead["id"]) is { } id && value is not null)
                    {
                        matches.Add(new RemoteMatch(asked.GetValueOrDefault(value, value), id));
                    }
                }

                var next = MarketoJson.Text(answer["nextPageToken"]);
                page = result.Count > 0 && next != page ? next : null;
            }
            while (page is not null);
        }

        return matches;
    }

    /// <summary>A GET, or the documented <c>POST ?_method=GET</c> with a form body when the URL would be too long.</summary>
    private HttpRequestMessage LookupRequest(List<KeyValuePair<string, string>> parameters)
    {
        var query = string.Join('&', parameters.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
        var url = _client.Rest("v1/leads.json?" + query);
        if (url.AbsoluteUri.Length <= _options.MaxUrlLength)
        {
            return new HttpRequestMessage(HttpMethod.Get, url);
        }

        return new HttpRequestMessage(HttpMethod.Post, _client.Rest("v1/leads.json?_method=GET"))
        {
            Content = new FormUrlEncodedContent(parameters),
        };
    }

    /// <summary>
    /// Sync Leads with <paramref name="action"/>: each record's fields, its foreign key, and for
    /// <c>updateOnly</c> its id (the only action that takes one), so an update can change the key.
    /// </summary>
    private async Task<RecordOutcome[]> SyncAsync(PlannedCall call, string action, string lookupField, CancellationToken cancellationToken)
    {
        var outcomes = new RecordOutcome[call.Records.Count];
        var input = new List<(int Index, string Json)>();
        for (var i = 0; i < call.Records.Count; i++)
        {
            var record = call.Records[i];
            var json = new JsonObject();
            if (action == "updateOnly")
            {
                if (LeadId(record.RemoteId) is not { } id)
                {
                    outcomes[i] = MarketoOutcomes.NoId(record.ProfileKey);
                    continue;
                }

                json["id"] = id;
            }

            foreach (var (field, value) in record.Fields ?? new Dictionary<string, string?>())
            {
                json[field] = value;
            }

            if (record.ForeignKey is { } key)
            {
                json[_options.ForeignKeyField] = key;
            }

            input.Add((i, json.ToJsonString()));
        }

        var kind = CallTag.Data(call.Kind);
        await SendInPartsAsync(input, records => $"{{\"action\":\"{action}\",\"lookupField\":\"{lookupField}\",\"input\":[{records}]}}", "v1/leads.json", kind, (i, result) => outcomes[i] = MarketoOutcomes.Write(call.Records[i].ProfileKey, result), cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>Delete Leads by id; a lead already gone (1004) counts as deleted.</summary>
    private async Task<RecordOutcome[]> DeleteAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var outcomes = new RecordOutcome[call.Records.Count];
        var input = new List<(int Index, string Json)>();
        for (var i = 0; i < call.Records.Count; i++)
        {
            if (LeadId(call.Records[i].RemoteId) is { } id)
            {
                input.Add((i, "{\"id\":" + id.ToString(CultureInfo.InvariantCulture) + "}"));
            }
            else
            {
                // Nothing remote to delete: the design forgets such records.
                outcomes[i] = RecordOutcome.Done(call.Records[i].ProfileKey);
            }
        }

        await SendInPartsAsync(input, records => "{\"input\":[" + records + "]}", "v1/leads/delete.json", CallTag.Data(CallKind.Delete), (i, result) => outcomes[i] = MarketoOutcomes.Delete(call.Records[i].ProfileKey, result), cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>
    /// POSTs the records as JSON through the batch splitter (a batch whose body would pass
    /// <see cref="MarketoConnectorOptions.MaxBodyBytes"/> is halved, a record too large alone is
    /// refused unsent) and hands each record its result in input order.
    /// </summary>
    private Task SendInPartsAsync(List<(int Index, string Json)> input, Func<string, string> envelope, string path, CallTag tag, Action<int, JsonNode?> take, CancellationToken cancellationToken)
    {
        string Body(IReadOnlyList<(int Index, string Json)> part) => envelope(string.Join(',', part.Select(r => r.Json)));

        // A part's size without building its body: the envelope, each record, the commas between.
        var envelopeBytes = Encoding.UTF8.GetByteCount(envelope(""));
        return _batches.SendAsync(
            input,
            new BatchRequests<(int Index, string Json), JsonObject>
            {
                BodyBytes = part => envelopeBytes + part.Sum(r => Encoding.UTF8.GetByteCount(r.Json)) + Math.Max(0, part.Count - 1),
                Send = (part, ct) =>
                {
                    var body = Body(part);
                    return _client.SendAsync(tag, () => new HttpRequestMessage(HttpMethod.Post, _client.Rest(path))
                    {
                        Content = new StringContent(body, Encoding.UTF8, "application/json"),
                    }, mayApply: true, ct);
                },
                Read = (part, answer) =>
                {
                    var result = MarketoJson.Result(answer);
                    for (var j = 0; j < part.Count; j++)
                    {
                        take(part[j].Index, j < result.Count ? result[j] : null);
                    }
                },
                Refuse = (record, refusal) => take(record.Index, new JsonObject
                {
                    ["status"] = "skipped",
                    ["reasons"] = new JsonArray(new JsonObject { ["code"] = refusal.Code, ["message"] = refusal.Message }),
                }),
            },
            cancellationToken);
    }

    private static long? LeadId(string? remoteId) =>
        long.TryParse(remoteId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
