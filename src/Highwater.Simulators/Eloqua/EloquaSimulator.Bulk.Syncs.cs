using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Eloqua;

public sealed partial class EloquaSimulator
{
    /// <summary>
    /// <c>POST /syncs</c>: takes the definition's staged rows into a new <c>pending</c> sync (a
    /// previous sync of the definition that nobody polled to its end is finished first); past the
    /// hourly import (2,000), sync-action (4,000) or export (2,000) syncs, 429.
    /// </summary>
    private async Task CreateSyncAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context) as JsonObject;
        var uri = Text(body?["syncedInstanceUri"]) ?? "";
        int status;
        JsonNode? answer = null;
        lock (_lock)
        {
            Count("sync");
            var now = _time.GetUtcNow();
            if (!_definitions.TryGetValue(uri, out var definition))
            {
                (status, answer) = (StatusCodes.Status400BadRequest, Failure("syncedInstanceUri", uri, "Must reference an existing definition"));
            }
            else if (!WithinHour(
                definition.IsExport ? _exportSyncs : definition.IsImport ? _importSyncs : _actionSyncs,
                definition.IsExport ? _options.ExportSyncsPerHour : definition.IsImport ? _options.ImportSyncsPerHour : _options.SyncActionSyncsPerHour,
                now,
                out var retry))
            {
                _counter.RateLimited();
                TooMany(context, retry);
                return;
            }
            else
            {
                // A sync nobody polls to the end (its caller lost the answer) finishes meanwhile.
                while (definition.ActiveSync is { Done: false } orphan)
                {
                    Advance(orphan);
                }

                var sync = new EloquaSync
                {
                    Id = (_nextSync++).ToString(CultureInfo.InvariantCulture),
                    Definition = definition,
                    Rows = [.. definition.Staging],
                    CreatedAt = now,
                    PollsBeforeDone = _syncPolls,
                    Fails = _failSyncs > 0,
                };
                _failSyncs = Math.Max(0, _failSyncs - 1);
                definition.Staging.Clear();
                definition.ActiveSync = sync;
                _syncs[sync.Id] = sync;
                status = StatusCodes.Status201Created;
                answer = SyncJson(sync);
            }
        }

        await WriteAsync(context, status, answer);
    }

    /// <summary>
    /// <c>GET /syncs</c> ("Retrieve a list of syncs"): the syncs as <c>GET /syncs/{id}</c> shows
    /// them, without moving any on, newest first with <c>orderBy=createdAt DESC</c> (else oldest
    /// first), <c>q=status=pending</c> (or another status) filtering, paged by <c>limit</c> (1 to
    /// 1,000, default 1,000) and <c>offset</c>.
    /// </summary>
    private async Task ListSyncsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, 1000) : 1000;
        var offset = int.TryParse(query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var newestFirst = string.Equals(query["orderBy"].ToString().Trim(), "createdAt DESC", StringComparison.OrdinalIgnoreCase);
        var q = query["q"].ToString().Trim('"', '\'', ' ');
        var status = q.StartsWith("status=", StringComparison.OrdinalIgnoreCase) ? q["status=".Length..].Trim('\'', '"') : null;
        JsonObject answer;
        lock (_lock)
        {
            Count("syncs");
            var all = _syncs.Values.Where(s => status is null || string.Equals(s.Status, status, StringComparison.OrdinalIgnoreCase));
            var ordered = (newestFirst ? all.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => long.Parse(s.Id, CultureInfo.InvariantCulture)) : all.OrderBy(s => s.CreatedAt).ThenBy(s => long.Parse(s.Id, CultureInfo.InvariantCulture))).ToList();
            answer = Items([.. ordered.Skip(offset).Take(limit).Select(s => (JsonNode)SyncJson(s))], offset, limit, ordered.Count);
        }

        await WriteAsync(context, StatusCodes.Status200OK, answer);
    }

    /// <summary><c>GET /syncs/{id}</c>: each poll moves the sync on; the poll after its last pending or active one applies it.</summary>
    private async Task PollSyncAsync(HttpContext context, string id)
    {
        JsonNode? answer;
        lock (_lock)
        {
            Count("poll");
            if (_syncs.TryGetValue(id, out var sync))
            {
                Advance(sync);
                answer = SyncJson(sync);
            }
            else
            {
                answer = null;
            }
        }

        await WriteAsync(context, answer is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK, answer);
    }

    private async Task SyncItemsAsync(HttpContext context, string id, string what)
    {
        var query = context.Request.Query;
        var max = what == "data" ? 50_000 : 1000;
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, max) : max;
        var offset = int.TryParse(query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
        JsonNode? answer;
        lock (_lock)
        {
            Count(what);
            if (_syncs.TryGetValue(id, out var sync))
            {
                var all = what switch { "logs" => sync.Logs, "rejects" => sync.Rejects, _ => sync.Data };
                answer = Items([.. all.Skip(offset).Take(limit).Select(i => i.DeepClone())], offset, limit, all.Count);
            }
            else
            {
                answer = null;
            }
        }

        await WriteAsync(context, answer is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK, answer);
    }

    private void Advance(EloquaSync sync)
    {
        if (sync.Done)
        {
            return;
        }

        sync.Polls++;
        var now = _time.GetUtcNow();
        if (sync.Polls <= sync.PollsBeforeDone)
        {
            // The first half of the waiting polls see the sync queued, the rest see it running.
            if (sync.Polls > (sync.PollsBeforeDone + 1) / 2)
            {
                sync.Status = "active";
                sync.StartedAt ??= now;
            }

            return;
        }

        sync.StartedAt ??= now;
        sync.EndedAt = now;
        if (sync.Fails)
        {
            sync.Status = "error";
            Log(sync, "error", "ELQ-00101", $"Sync processed for sync {sync.Id}, resulting in Error status.", 0);
            Log(sync, "error", "ELQ-00101", "A temporary error stopped the sync before it imported any record; create a new sync to try again.", sync.Rows.Count);
        }
        else if (sync.Definition.IsExport)
        {
            Export(sync);
        }
        else
        {
            Apply(sync);
        }

        sync.Definition.ActiveSync = null;
    }

    /// <summary>Runs an import or sync-action sync over its rows: per-row rejects, then the logs and the final status.</summary>
    private void Apply(EloquaSync sync)
    {
        var definition = sync.Definition;
        int created = 0, updated = 0, invalidEmails = 0;
        var ignoredNames = false;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < sync.Rows.Count; index++)
        {
            var row = sync.Rows[index];
            ignoredNames |= row.Any(p => !definition.Fields.ContainsKey(p.Key));
            var identifier = Text(row[definition.IdentifierFieldName]);
            var byId = definition.Fields[definition.IdentifierFieldName] == "{{Contact.Id}}";
            if (string.IsNullOrWhiteSpace(identifier))
            {
                Reject(sync, row, index, "ELQ-00061", "Rejected records (missing fields).", definition.IdentifierFieldName);
                continue;
            }

            if (!byId && !IsEmail(identifier))
            {
                invalidEmails++;
                Reject(sync, row, index, "ELQ-00002", "Invalid email address.", definition.IdentifierFieldName);
                continue;
            }

            if (!seen.Add(identifier))
            {
                Reject(sync, row, index, "ELQ-00026", "Duplicate identifier.", definition.IdentifierFieldName);
                continue;
            }

            var contact = byId ? _contacts.GetValueOrDefault(identifier) : ContactByEmail(identifier);
            if (definition.IsImport)
            {
                var tooLong = definition.Fields.Keys.FirstOrDefault(k => row.ContainsKey(k)
                    && FieldOf(definition.Fields[k]) is { } f && Text(row[k]) is { } v && v.Length > _options.Fields[f].MaxLength);
                if (tooLong is not null)
                {
                    Reject(sync, row, index, "ELQ-00032", $"Malformed records: the value of {tooLong} is longer than the field allows.", tooLong);
                    continue;
                }

                if (contact is null)
                {
                    contact = AddContact(NextContactId());
                    created++;
                }
                else
                {
                    updated++;
                }

                foreach (var (key, statement) in definition.Fields)
                {
                    if (row.ContainsKey(key) && FieldOf(statement) is { } field)
                    {
                        contact.Fields[field] = Text(row[key]);
                    }
                }

                contact.UpdatedAt = _time.GetUtcNow().ToUnixTimeSeconds();
            }
            else if (contact is null)
            {
                Reject(sync, row, index, "ELQ-00085", "Contact does not exist.", definition.IdentifierFieldName);
                continue;
            }

            foreach (var (action, listId, _) in definition.SyncActions)
            {
                if (_lists.TryGetValue(listId, out var list))
                {
                    _ = action == "add" ? list.Members.Add(contact.Id) : list.Members.Remove(contact.Id);
                }
            }

        }

        var rejected = sync.Rejects.Count;
        _counter.Rejected(rejected);
        sync.Status = rejected > 0 || ignoredNames ? "warning" : "success";
        Log(sync, "information", "ELQ-00001", "Total records processed.", sync.Rows.Count);
        if (definition.IsImport)
        {
            Log(sync, "information", "ELQ-00004", "Contacts created.", created);
            Log(sync, "information", "ELQ-00022", "Contacts updated.", updated);
        }

        if (invalidEmails > 0)
        {
            Log(sync, "warning", "ELQ-00002", "Invalid email addresses.", invalidEmails);
        }

        if (rejected > 0)
        {
            Log(sync, "warning", "ELQ-00060", "Total rejected records.", rejected);
        }

        if (ignoredNames)
        {
            // Not a code the reference lists: the simulator's own, for the recorded warnings without rejects.
            Log(sync, "warning", "ELQ-00000", "Staged data names not in the definition's fields were ignored.", 0);
        }

        Log(sync, "information", "ELQ-00131", "Deleted internal staging for data transfer.", 0);
        Log(sync, "information", "ELQ-00101", $"Sync processed for sync {sync.Id}, resulting in {char.ToUpperInvariant(sync.Status[0])}{sync.Status[1..]} status.", 0);
    }

    private void Reject(EloquaSync sync, JsonObject row, int index, string code, string message, string invalidField)
    {
        var values = new JsonObject();
        foreach (var (key, value) in row)
        {
            values[key] = Text(value);
        }

        sync.Rejects.Add(new JsonObject
        {
            ["fieldValues"] = values,
            ["message"] = message,
            ["statusCode"] = code,
            ["recordIndex"] = index + 1,
            ["invalidFields"] = new JsonArray(invalidField),
            ["syncUri"] = sync.Uri,
        });
    }

    private void Log(EloquaSync sync, string severity, string code, string message, int count) =>
        sync.Logs.Add(new JsonObject
        {
            ["count"] = count,
            ["createdAt"] = Iso(_time.GetUtcNow()),
            ["message"] = message,
            ["severity"] = severity,
            ["statusCode"] = code,
            ["syncUri"] = sync.Uri,
        });

    private static JsonObject SyncJson(EloquaSync sync)
    {
        var json = new JsonObject { ["syncedInstanceUri"] = sync.Definition.Uri };
        if (sync.StartedAt is { } started)
        {
            json["syncStartedAt"] = Iso(started);
        }

        if (sync.EndedAt is { } ended)
        {
            json["syncEndedAt"] = Iso(ended);
        }

        json["status"] = sync.Status;
        json["createdAt"] = Iso(sync.CreatedAt);
        json["createdBy"] = "Api.User";
        json["uri"] = sync.Uri;
        return json;
    }

    private static JsonObject Items(List<JsonNode> items, int offset, int limit, int total) => new()
    {
        ["items"] = new JsonArray([.. items]),
        ["totalResults"] = total,
        ["limit"] = limit,
        ["offset"] = offset,
        ["count"] = items.Count,
        ["hasMore"] = offset + items.Count < total,
    };

    private static bool WithinHour(Queue<DateTimeOffset> log, int limit, DateTimeOffset now, out TimeSpan retry)
    {
        while (log.Count > 0 && log.Peek() <= now - TimeSpan.FromHours(1))
        {
            log.Dequeue();
        }

        if (log.Count >= limit)
        {
            retry = log.Peek() + TimeSpan.FromHours(1) - now;
            return false;
        }

        log.Enqueue(now);
        retry = TimeSpan.Zero;
        return true;
    }
}
