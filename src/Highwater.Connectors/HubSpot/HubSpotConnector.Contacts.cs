using System.Globalization;
using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;

namespace Highwater.Connectors.HubSpot;

public sealed partial class HubSpotConnector
{
    private const string Contacts = "crm/v3/objects/contacts/batch/";

    /// <summary>
    /// A 400 <c>VALIDATION_ERROR</c> refuses a whole write over one input's values (an upsert by
    /// e-mail takes no partial success), so the batch splits until that input stands alone; one
    /// naming a property the account lacks is every input's, and is not split.
    /// </summary>
    private static readonly BatchSplitter<HubSpotAnswer> Writes = new(new BatchSplitRule<HubSpotAnswer>
    {
        Service = "HubSpot",
        RefusedForAnInput = answer => answer.Status == 400 && answer.Error() is ("VALIDATION_ERROR", var message) && !AboutEveryInput(message),
    });

    /// <inheritdoc />
    /// <remarks>
    /// <c>batch/read</c> by e-mail, <see cref="HubSpotConnectorOptions.BatchSize"/> keys a call; an
    /// address no contact has comes back among the answer's errors (207, <c>OBJECT_NOT_FOUND</c>) and
    /// is simply absent. The answer says nothing of list memberships.
    /// </remarks>
    public async Task<IReadOnlyList<RemoteMatch>> LookupAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var keys = call.Records.Select(r => r.ForeignKey).OfType<string>().Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var asked = keys.ToDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase);
        var matches = new List<RemoteMatch>();
        foreach (var chunk in keys.Chunk(_options.BatchSize))
        {
            var body = new JsonObject
            {
                ["idProperty"] = "email",
                ["inputs"] = new JsonArray([.. chunk.Select(k => (JsonNode)new JsonObject { ["id"] = k })]),
                ["properties"] = new JsonArray("email"),
                ["propertiesWithHistory"] = new JsonArray(),
            };
            var answer = await SendAsync(CallTag.Data(CallKind.Lookup), HttpMethod.Post, Contacts + "read", body, mayApply: false, cancellationToken).ConfigureAwait(false);
            if (answer.Status is not (200 or 207))
            {
                var (category, message) = answer.Error();
                throw new ServiceCallException($"HubSpot lookup: HTTP {answer.Status} {category}: {message}", ServiceCallFailure.Permanent, category ?? answer.Status.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var contact in (answer.Body?["results"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (JsonText.Of(contact["id"]) is { } id && JsonText.Of(contact["properties"]?["email"]) is { } email)
                {
                    matches.Add(new RemoteMatch(asked.GetValueOrDefault(email, email), id));
                }
            }
        }

        return matches;
    }

    /// <summary>
    /// One <c>batch/upsert</c> (by e-mail), <c>batch/create</c> or <c>batch/update</c> (by record id).
    /// Each input carries its position as <c>objectWriteTraceId</c>, so a 207 names the inputs it
    /// refused; a 400 that refuses the whole batch over one input's values (an upsert by e-mail takes
    /// no partial success) is halved by <see cref="Writes"/> until the input at fault stands alone and
    /// is rejected by itself.
    /// </summary>
    private async Task<RecordOutcome[]> WriteAsync(PlannedCall call, string operation, CancellationToken cancellationToken)
    {
        var outcomes = new RecordOutcome[call.Records.Count];
        var inputs = new List<(int Index, JsonObject Input)>();
        for (var i = 0; i < call.Records.Count; i++)
        {
            var record = call.Records[i];
            var properties = new JsonObject();
            foreach (var (field, value) in record.Fields ?? new Dictionary<string, string?>())
            {
                // HubSpot clears a property given an empty string.
                properties[field] = value ?? "";
            }

            if (record.ForeignKey is { } key)
            {
                properties["email"] = key;
            }

            var input = new JsonObject { ["objectWriteTraceId"] = i.ToString(CultureInfo.InvariantCulture) };
            switch (operation)
            {
                case "upsert" when record.ForeignKey is { Length: > 0 } email:
                    input["id"] = email;
                    input["idProperty"] = "email";
                    break;
                case "upsert":
                    outcomes[i] = RecordOutcome.Rejected(record.ProfileKey, null, "the record has no e-mail address to upsert by");
                    continue;
                case "update" when record.RemoteId is { Length: > 0 } id:
                    input["id"] = id;
                    break;
                case "update":
                    outcomes[i] = RecordOutcome.Rejected(record.ProfileKey, null, "the record has no HubSpot contact id to address it by");
                    continue;
            }

            input["properties"] = properties;
            inputs.Add((i, input));
        }

        await SendWritesAsync(call, operation, inputs, outcomes, cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    private Task SendWritesAsync(PlannedCall call, string operation, List<(int Index, JsonObject Input)> inputs, RecordOutcome[] outcomes, CancellationToken cancellationToken) =>
        Writes.SendAsync(
            inputs,
            new BatchRequests<(int Index, JsonObject Input), HubSpotAnswer>
            {
                Send = (part, ct) =>
                {
                    var body = new JsonObject { ["inputs"] = new JsonArray([.. part.Select(i => (JsonNode)i.Input.DeepClone())]) };
                    return SendAsync(CallTag.Data(call.Kind), HttpMethod.Post, Contacts + operation, body, mayApply: true, ct);
                },
                Read = (part, answer) => TakeAnswer(call, operation, part, answer, outcomes),
            },
            cancellationToken);

    /// <summary>Each input's result or error; an answer that refused the whole request refuses each of its inputs (a conflict for a later try).</summary>
    private static void TakeAnswer(PlannedCall call, string operation, IReadOnlyList<(int Index, JsonObject Input)> inputs, HubSpotAnswer answer, RecordOutcome[] outcomes)
    {
        if (answer.Status is 200 or 201 or 207)
        {
            TakeResults(call, operation, inputs, answer.Body, outcomes);
            return;
        }

        var (category, message) = answer.Error();
        var code = category ?? answer.Status.ToString(CultureInfo.InvariantCulture);
        foreach (var (index, _) in inputs)
        {
            var key = call.Records[index].ProfileKey;
            outcomes[index] = answer.Status is 409 ? RecordOutcome.RetryLater(key, code, message ?? "conflict") : RecordOutcome.Rejected(key, code, message ?? $"HTTP {answer.Status}");
        }
    }

    /// <summary>A validation message that no single input caused: a property the account does not have.</summary>
    private static bool AboutEveryInput(string? message) =>
        message?.Contains("PROPERTY_DOESNT_EXIST", StringComparison.Ordinal) == true;

    /// <summary>Gives each input its result (by trace id, else record id, else e-mail) or its error (by the ids its context names).</summary>
    private static void TakeResults(PlannedCall call, string operation, IReadOnlyList<(int Index, JsonObject Input)> inputs, JsonNode? body, RecordOutcome[] outcomes)
    {
        var byTrace = inputs.ToDictionary(i => JsonText.Of(i.Input["objectWriteTraceId"])!, i => i.Index, StringComparer.Ordinal);
        var byId = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (index, input) in inputs)
        {
            if (JsonText.Of(input["id"]) is { } id)
            {
                byId.TryAdd(id, index);
            }

            if (JsonText.Of(input["properties"]?["email"]) is { } email && operation != "update")
            {
                byId.TryAdd(email, index);
            }
        }

        int? Find(JsonObject item)
        {
            if (JsonText.Of(item["objectWriteTraceId"]) is { } trace && byTrace.TryGetValue(trace, out var t))
            {
                return t;
            }

            if (JsonText.Of(item["id"]) is { } id && byId.TryGetValue(id, out var i))
            {
                return i;
            }

            return JsonText.Of(item["properties"]?["email"]) is { } email && byId.TryGetValue(email, out var e) ? e : null;
        }

        foreach (var result in (body?["results"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Find(result) is { } index && outcomes[index] is null)
            {
                var isNew = result["new"] is JsonValue value && value.TryGetValue<bool>(out var n) && n;
                outcomes[index] = RecordOutcome.Done(call.Records[index].ProfileKey, JsonText.Of(result["id"])) with { Matched = operation == "upsert" && !isNew };
            }
        }

        foreach (var error in (body?["errors"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var category = JsonText.Of(error["category"]);
            var message = JsonText.Of(error["message"]) ?? category ?? "refused";
            var named = JsonText.Strings(error["context"]?["objectWriteTraceId"]).Select(t => byTrace.TryGetValue(t, out var i) ? i : (int?)null)
                .Concat(JsonText.Strings(error["context"]?["ids"]).Select(id => byId.TryGetValue(id, out var i) ? i : (int?)null))
                .OfType<int>();
            foreach (var index in named.Distinct())
            {
                var key = call.Records[index].ProfileKey;

                // CONFLICT: a contact has the address since the lookup, which a fresh lookup finds.
                outcomes[index] ??= category is "CONFLICT" ? RecordOutcome.RetryLater(key, category, message) : RecordOutcome.Rejected(key, category, message);
            }
        }

        foreach (var (index, _) in inputs)
        {
            outcomes[index] ??= RecordOutcome.RetryLater(call.Records[index].ProfileKey, null, "HubSpot answered nothing for this record");
        }
    }

    /// <summary><c>batch/archive</c> by record id (204); a record without an id has nothing to archive and is done.</summary>
    private async Task<RecordOutcome[]> ArchiveAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var outcomes = new RecordOutcome[call.Records.Count];
        var ids = new List<(int Index, string Id)>();
        for (var i = 0; i < call.Records.Count; i++)
        {
            if (call.Records[i].RemoteId is { Length: > 0 } id)
            {
                ids.Add((i, id));
            }
            else
            {
                outcomes[i] = RecordOutcome.Done(call.Records[i].ProfileKey);
            }
        }

        if (ids.Count > 0)
        {
            var body = new JsonObject { ["inputs"] = new JsonArray([.. ids.Select(i => (JsonNode)new JsonObject { ["id"] = i.Id })]) };
            var answer = await SendAsync(CallTag.Data(CallKind.Delete), HttpMethod.Post, Contacts + "archive", body, mayApply: true, cancellationToken).ConfigureAwait(false);
            var (category, message) = answer.Error();
            foreach (var (index, _) in ids)
            {
                // HubSpot archives what it has and answers 204 for ids it does not: gone either way.
                outcomes[index] = answer.Status is 204 or 200
                    ? RecordOutcome.Done(call.Records[index].ProfileKey)
                    : RecordOutcome.Rejected(call.Records[index].ProfileKey, category ?? answer.Status.ToString(CultureInfo.InvariantCulture), message ?? $"HTTP {answer.Status}");
            }
        }

        return outcomes;
    }
}
