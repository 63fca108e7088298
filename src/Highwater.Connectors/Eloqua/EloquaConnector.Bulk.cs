using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Eloqua;

public sealed partial class EloquaConnector
{
    private const string Bulk = "api/bulk/2.0";

    /// <summary>
    /// Upserts the call's contacts through an import keyed on <c>emailAddress</c>: every row
    /// carries every field the call writes. A row is done only when its sync ends in
    /// <c>success</c>, or in <c>warning</c> without rejecting it.
    /// </summary>
    private async Task<CallResult> UpsertAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var tag = CallTag.Data(call.Kind);
        var names = call.Records.SelectMany(r => r.Fields?.Keys ?? [])
            .Where(n => !string.Equals(n, EloquaFields.Email, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var fields = new JsonObject { [EloquaFields.Email] = EloquaFields.Statement(EloquaFields.Email, _options.CustomFields) };
        foreach (var name in names)
        {
            fields[name] = EloquaFields.Statement(name, _options.CustomFields)
                ?? throw new ServiceCallException($"Eloqua has no contact field '{name}' (name it in eloqua.customFields)", ServiceCallFailure.Permanent, "field");
        }

        var rows = new JsonArray();
        foreach (var record in call.Records)
        {
            var row = new JsonObject { [EloquaFields.Email] = record.ForeignKey };
            foreach (var name in names)
            {
                row[name] = record.Fields?.GetValueOrDefault(name);
            }

            rows.Add(row);
        }

        var definition = new JsonObject
        {
            ["name"] = DefinitionName("import", string.Join(",", names)),
            ["fields"] = fields,
            ["identifierFieldName"] = EloquaFields.Email,
            ["isSyncTriggeredOnImport"] = false,
            ["isUpdatingMultipleMatchedRecords"] = false,
        };
        var report = await RunSyncAsync(tag, "contacts/imports", definition, rows, cancellationToken).ConfigureAwait(false);
        return Outcomes(call, report, _ => false);
    }

    /// <summary>
    /// Adds contacts to (or removes them from) one contact list through a sync-action definition
    /// that matches them by e-mail. A contact the sync says does not exist is left to retry.
    /// </summary>
    private async Task<CallResult> ChangeMembersAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var list = call.List ?? throw new ArgumentException("an Eloqua membership call names its list", nameof(call));
        if (!_listIds.TryGetValue(list, out var listId))
        {
            throw new ServiceCallException($"Eloqua contact list '{list}' is not resolved (EnsureListsAsync first)", ServiceCallFailure.Permanent, "list");
        }

        var action = call.Kind == CallKind.ListAdd ? "add" : "remove";
        var definition = new JsonObject
        {
            ["name"] = DefinitionName("list", $"{action}:{listId}"),
            ["fields"] = new JsonObject { [EloquaFields.Email] = EloquaFields.Statement(EloquaFields.Email, _options.CustomFields) },
            ["identifierFieldName"] = EloquaFields.Email,
            ["syncActions"] = new JsonArray(new JsonObject { ["action"] = action, ["destination"] = $"{{{{ContactList[{listId}]}}}}" }),
        };
        var rows = new JsonArray([.. call.Records.Select(r => (JsonNode)new JsonObject { [EloquaFields.Email] = r.ForeignKey })]);
        var report = await RunSyncAsync(CallTag.Data(call.Kind), "contacts/syncActions", definition, rows, cancellationToken).ConfigureAwait(false);

        // ELQ-00085 "Contact does not exist.": its write may not have landed yet.
        return Outcomes(call, report, reject => Text(reject["statusCode"]) == "ELQ-00085");
    }

    /// <summary>
    /// One sync of <paramref name="rows"/> through the definition described by
    /// <paramref name="definition"/> (created on first use): upload, sync, poll until done, read
    /// the logs, and the rejects after a warning or an error. One sync at a time per definition.
    /// </summary>
    private async Task<SyncReport> RunSyncAsync(CallTag tag, string kind, JsonObject definition, JsonArray rows, CancellationToken cancellationToken)
    {
        var made = await DefinitionAsync(kind, definition, cancellationToken).ConfigureAwait(false);
        await made.InUse.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (made.Dirty)
            {
                // A failed attempt may have left rows in the staging area; a sync would take them too.
                var (cleared, answer) = await SendAsync(tag, HttpMethod.Delete, $"{Bulk}{made.Uri}/data", null, cancellationToken).ConfigureAwait(false);
                Expect(tag, cleared, answer, HttpStatusCode.NoContent, HttpStatusCode.OK, HttpStatusCode.NotFound);
                made.Dirty = false;
            }

            made.Dirty = true;
            var unsent = new Dictionary<int, InputRefusal>();
            await UploadAsync(tag, kind, definition, made.Uri, rows, unsent, cancellationToken).ConfigureAwait(false);
            var synced = Enumerable.Range(0, rows.Count).Where(i => !unsent.ContainsKey(i)).ToList();
            if (synced.Count == 0)
            {
                // Every row was refused unsent: nothing is staged, and there is nothing to sync.
                made.Dirty = false;
                return new SyncReport("", "success", [], [], synced, unsent);
            }

            var (status, body) = await SendAsync(tag, HttpMethod.Post, $"{Bulk}/syncs", new JsonObject { ["syncedInstanceUri"] = made.Uri }, cancellationToken).ConfigureAwait(false);
            if (status == HttpStatusCode.Conflict)
            {
                throw new ServiceCallException($"Eloqua {tag.Kind}: another sync of {made.Uri} is running", ServiceCallFailure.Transient, "409");
            }

            Expect(tag, status, body, HttpStatusCode.Created, HttpStatusCode.OK);
            var syncUri = Text(body?["uri"]) ?? throw new ServiceCallException($"Eloqua {tag.Kind}: the sync answer has no uri", ServiceCallFailure.Unknown, "sync");

            // The sync took the staged rows.
            made.Dirty = false;
            string final;
            try
            {
                final = await PollAsync(tag, syncUri, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ServiceCallException or OperationCanceledException)
            {
                // Left running: it applies whenever the service gets to it, so the next call waits for it.
                _orphansSettled = false;
                throw;
            }

            var logs = await ReadItemsAsync(tag, syncUri + "/logs", cancellationToken).ConfigureAwait(false);
            var rejects = final is "warning" or "error"
                ? await ReadItemsAsync(tag, syncUri + "/rejects", cancellationToken).ConfigureAwait(false)
                : [];
            return new SyncReport(syncUri, final, logs, rejects, synced, unsent);
        }
        finally
        {
            made.InUse.Release();
        }
    }

    /// <summary>
    /// Stages <paramref name="rows"/> in as many uploads as the Bulk API's 32 MB a POST allows
    /// (<see cref="EloquaConnectorOptions.MaxUploadBytes"/>, through the batch splitter), all for one
    /// sync; a row too large alone is refused unsent, into <paramref name="unsent"/>.
    /// </summary>
    private Task UploadAsync(CallTag tag, string kind, JsonObject definition, string definitionUri, JsonArray rows, Dictionary<int, InputRefusal> unsent, CancellationToken cancellationToken)
    {
        var bytes = rows.Select(r => Encoding.UTF8.GetByteCount(r?.ToJsonString() ?? "null")).ToArray();
        return _uploads.SendAsync(
            Enumerable.Range(0, rows.Count).ToList(),
            new BatchRequests<int, (HttpStatusCode Status, JsonNode? Body)>
            {
                // A JSON array: its brackets, its rows and a comma between two.
                BodyBytes = part => 2 + part.Sum(i => bytes[i]) + Math.Max(0, part.Count - 1),
                Send = (part, ct) => SendAsync(tag, HttpMethod.Post, $"{Bulk}{definitionUri}/data", new JsonArray([.. part.Select(i => rows[i]?.DeepClone())]), ct),
                Read = (sent, answer) =>
                {
                    if (answer.Status == HttpStatusCode.NotFound)
                    {
                        // The definition is gone (deleted, or expired), or the upload passed 32 MB.
                        _definitions.TryRemove(DefinitionKey(kind, definition), out _);
                        throw new ServiceCallException($"Eloqua {tag.Kind}: the upload to {definitionUri} was answered 404 (definition gone, or over 32 MB)", ServiceCallFailure.Transient, "404");
                    }

                    Expect(tag, answer.Status, answer.Body, HttpStatusCode.NoContent, HttpStatusCode.OK, HttpStatusCode.Created);
                },
                Refuse = (i, refusal) => unsent[i] = refusal,
            },
            cancellationToken);
    }

    /// <summary>
    /// Once per connector, and again after a sync of its own was left running: a contact import or
    /// sync action that nobody polled to its end (its caller crashed, met the quota or lost the
    /// answers) still applies, whenever the service gets to it. Before the next lookup or write,
    /// each such sync among the latest 100 (<c>GET /syncs</c>, newest first) is polled to its end,
    /// so what it writes lands before the lookup looks, not over what comes after.
    /// </summary>
    private async Task SettleOrphanSyncsAsync(CancellationToken cancellationToken)
    {
        if (_orphansSettled)
        {
            return;
        }

        await _orphanGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_orphansSettled)
            {
                return;
            }

            var tag = CallTag.Metadata("syncs");
            var (status, body) = await ReadAsync(tag, $"{Bulk}/syncs?orderBy={Uri.EscapeDataString("createdAt DESC")}&limit=100", cancellationToken).ConfigureAwait(false);
            Expect(tag, status, body, HttpStatusCode.OK);
            foreach (var sync in (body?["items"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var running = Text(sync["status"]) is "pending" or "active";
                var ours = Text(sync["syncedInstanceUri"]) is { } synced
                    && (synced.StartsWith("/contacts/imports/", StringComparison.Ordinal) || synced.StartsWith("/contacts/syncActions/", StringComparison.Ordinal));
                if (running && ours && Text(sync["uri"]) is { } uri)
                {
                    await PollAsync(tag, uri, cancellationToken).ConfigureAwait(false);
                }
            }

            _orphansSettled = true;
        }
        finally
        {
            _orphanGate.Release();
        }
    }

    /// <summary>Polls a sync until it is no longer <c>pending</c> or <c>active</c>, waiting longer each time.</summary>
    private async Task<string> PollAsync(CallTag tag, string syncUri, CancellationToken cancellationToken)
    {
        var wait = _options.PollInterval;
        var status = "pending";
        for (var poll = 0; poll < _options.MaxPolls; poll++)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, _options.MaxPollInterval.Ticks));
            var (code, body) = await ReadAsync(tag, Bulk + syncUri, cancellationToken).ConfigureAwait(false);
            Expect(tag, code, body, HttpStatusCode.OK);
            status = Text(body?["status"]) ?? "";
            switch (status)
            {
                case "pending" or "active":
                    continue;
                case "success" or "warning":
                    return status;
                case "error" or "errored":
                    return "error";
                default:
                    throw new ServiceCallException($"Eloqua {tag.Kind}: sync {syncUri} answered status '{status}'", ServiceCallFailure.Unknown, status);
            }
        }

        // Not done yet: it may still apply, so the call is retried as unknown (an upsert is idempotent).
        throw new ServiceCallException($"Eloqua {tag.Kind}: sync {syncUri} still {status} after {_options.MaxPolls} polls", ServiceCallFailure.Unknown, status);
    }

    /// <summary>
    /// A GET of a sync's state, logs, rejects or data. Reading changes nothing, so a read that fails
    /// for a reason that may pass (503, a lost answer) is sent again, up to twice, after the poll
    /// interval, rather than failing the call and redoing its upload and sync.
    /// </summary>
    private async Task<(HttpStatusCode Status, JsonNode? Body)> ReadAsync(CallTag tag, string path, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendAsync(tag, HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceCallException ex) when (attempt < 3 && ex.Failure is ServiceCallFailure.Transient or ServiceCallFailure.Unknown)
            {
                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> DescribeFieldsAsync(CancellationToken cancellationToken)
    {
        var fields = await ReadItemsAsync(CallTag.Metadata("fields"), "/contacts/fields", cancellationToken).ConfigureAwait(false);
        var internalNames = fields
            .Where(f => f["hasReadOnlyConstraint"]?.GetValue<bool>() != true)
            .Select(f => f["internalName"]?.GetValue<string>())
            .OfType<string>()
            .ToList();
        return EloquaFields.Writable(internalNames, _options.CustomFields);
    }

    /// <summary>Every item of a sync's logs or rejects, a page of 1,000 at a time.</summary>
    private async Task<List<JsonObject>> ReadItemsAsync(CallTag tag, string path, CancellationToken cancellationToken)
    {
        var items = new List<JsonObject>();
        for (var offset = 0; ; )
        {
            var (status, body) = await ReadAsync(tag, $"{Bulk}{path}?limit=1000&offset={offset.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false);
            Expect(tag, status, body, HttpStatusCode.OK);
            var page = body?["items"] as JsonArray ?? [];
            items.AddRange(page.OfType<JsonObject>());
            offset += page.Count;
            if (body?["hasMore"]?.GetValue<bool>() != true || page.Count == 0)
            {
                return items;
            }
        }
    }

    /// <summary>
    /// Every record's outcome from its sync: all done after <c>success</c>; after <c>warning</c>
    /// the rejected rows are rejected (or left to retry, by <paramref name="retry"/>) with the
    /// reject's message and the rest done; after <c>error</c> nothing was applied, and its logs say
    /// whether to retry (a temporary error) or reject.
    /// </summary>
    private static CallResult Outcomes(PlannedCall call, SyncReport report, Func<JsonObject, bool> retry)
    {
        if (report.Status == "error")
        {
            var errors = report.Logs.Where(l => Text(l["severity"]) == "error").Select(l => Text(l["message"])).OfType<string>().ToList();
            var reason = $"sync {report.Uri} ended in error: {(errors.Count > 0 ? string.Join(" ", errors) : "its logs give no reason")}";
            var temporary = errors.Count == 0 || errors.Any(e => e.Contains("temporar", StringComparison.OrdinalIgnoreCase));
            return new CallResult([.. call.Records.Select((r, i) => Unsent(report, i, r)
                ?? (temporary ? RecordOutcome.RetryLater(r.ProfileKey, "error", reason) : RecordOutcome.Rejected(r.ProfileKey, "error", reason)))]);
        }

        // Rejects name their row by its 1-based index in the sync, and carry its values.
        var byIndex = new Dictionary<int, JsonObject>();
        var byEmail = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
        foreach (var reject in report.Rejects)
        {
            if (reject["recordIndex"] is JsonValue index && index.TryGetValue<int>(out var i))
            {
                byIndex.TryAdd(i, reject);
            }

            if (Text(reject["fieldValues"]?[EloquaFields.Email]) is { } email)
            {
                byEmail.TryAdd(email, reject);
            }
        }

        var position = new Dictionary<int, int>();
        for (var k = 0; k < report.Synced.Count; k++)
        {
            position[report.Synced[k]] = k + 1;
        }

        var outcomes = new RecordOutcome[call.Records.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var record = call.Records[i];
            if (Unsent(report, i, record) is { } refused)
            {
                outcomes[i] = refused;
                continue;
            }

            var rejected = record.ForeignKey is { } key && byEmail.TryGetValue(key, out var found) ? found : byIndex.GetValueOrDefault(position.GetValueOrDefault(i));
            outcomes[i] = rejected is null
                ? RecordOutcome.Done(record.ProfileKey)
                : retry(rejected)
                    ? RecordOutcome.RetryLater(record.ProfileKey, Text(rejected["statusCode"]), Text(rejected["message"]) ?? "rejected by the sync")
                    : RecordOutcome.Rejected(record.ProfileKey, Text(rejected["statusCode"]), Text(rejected["message"]) ?? "rejected by the sync");
        }

        return new CallResult(outcomes);
    }

    /// <summary>The rejection of a row refused before it was uploaded; null for one the sync holds.</summary>
    private static RecordOutcome? Unsent(SyncReport report, int index, PlannedRecord record) =>
        report.Unsent.TryGetValue(index, out var refusal) ? RecordOutcome.Rejected(record.ProfileKey, refusal.Code, refusal.Message) : null;

    /// <summary>The definition for <paramref name="definition"/>'s shape, created once (a metadata request).</summary>
    private async Task<Definition> DefinitionAsync(string kind, JsonObject definition, CancellationToken cancellationToken)
    {
        var key = DefinitionKey(kind, definition);
        if (_definitions.TryGetValue(key, out var known))
        {
            return known;
        }

        var (status, body) = await SendAsync(CallTag.Metadata("definition"), HttpMethod.Post, $"{Bulk}/{kind}", definition, cancellationToken).ConfigureAwait(false);
        if (status is not (HttpStatusCode.Created or HttpStatusCode.OK) || Text(body?["uri"]) is not { Length: > 0 } uri)
        {
            var (code, reason) = Problem(status, body);
            throw new ServiceCallException($"Eloqua: the {kind} definition was refused: {reason}", ServiceCallFailure.Permanent, code);
        }

        return _definitions.GetOrAdd(key, new Definition(uri));
    }

    private static string DefinitionKey(string kind, JsonObject definition) => kind + " " + Text(definition["name"]);

    /// <summary>A stable definition name: the prefix, its kind and a short hash of its shape.</summary>
    private string DefinitionName(string kind, string shape)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(shape)))[..12];
        return $"{_options.DefinitionPrefix}-{kind}-{hash}";
    }

    private static void Expect(CallTag tag, HttpStatusCode status, JsonNode? body, params HttpStatusCode[] expected)
    {
        if (!expected.Contains(status))
        {
            var (code, reason) = Problem(status, body);
            throw new ServiceCallException($"Eloqua {tag.Kind}: {reason}", status == HttpStatusCode.BadRequest ? ServiceCallFailure.Permanent : ServiceCallFailure.Unknown, code);
        }
    }
}
