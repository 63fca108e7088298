using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Highwater.Simulators.Pardot;

public sealed partial class PardotSimulator
{
    private static readonly HashSet<string> MatchColumns = new(StringComparer.OrdinalIgnoreCase) { "matchId", "matchEmail", "matchSalesforceId" };

    /// <summary>
    /// The v5 Import API under <c>/api/v5/imports</c>: <c>POST</c> creates an import (Open),
    /// <c>POST {id}/batches</c> adds a CSV batch (multipart, one file), <c>PATCH {id}</c>
    /// <c>{"status":"Ready"}</c> starts it (Waiting), <c>GET {id}</c> reads it (Running, then Complete
    /// with its counts), <c>GET {id}/errors</c> gives the failed rows as CSV. Every one is an API call.
    /// </summary>
    private Func<PardotRequest, PardotAnswer> ImportEndpoint(PardotRequest request)
    {
        var rest = request.Path["/v5/imports".Length..].Trim('/');
        var parts = rest.Length == 0 ? [] : rest.Split('/');
        long? id = parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        return (request.Method, parts.Length, parts.ElementAtOrDefault(1)) switch
        {
            ("POST", 0, _) => CreateImport,
            ("POST", 2, "batches") when id is not null => r => AddImportBatch(r, id.Value),
            ("PATCH", 1, _) when id is not null => r => StartImport(r, id.Value),
            ("GET", 1, _) when id is not null => _ => ReadImport(id.Value),
            ("GET", 2, "errors") when id is not null => _ => ImportErrors(id.Value),
            _ => _ => PardotAnswer.V5Fail(2, 404),
        };
    }

    /// <summary><c>{"operation":"Upsert","object":"Prospect","createOnNoMatch":true,"fields":[{"name","overwrite","nullOverwrite"}]}</c> → 201, Open.</summary>
    private PardotAnswer CreateImport(PardotRequest request)
    {
        JsonObject? input;
        try
        {
            input = JsonNode.Parse(request.Json ?? "") as JsonObject;
        }
        catch (JsonException)
        {
            return PardotAnswer.V5Fail(150);
        }

        if (input is null)
        {
            return PardotAnswer.V5Fail(150);
        }

        if ((string?)input["operation"] != "Upsert" || (string?)input["object"] != "Prospect")
        {
            return PardotAnswer.V5Fail(154, message: "operation must be \"Upsert\" and object \"Prospect\"");
        }

        var options = new Dictionary<string, (bool, bool)>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in input["fields"] as JsonArray ?? [])
        {
            if (field?["name"] is not JsonValue name)
            {
                return PardotAnswer.V5Fail(153, message: "Each field option must include a field name");
            }

            options[name.GetValue<string>()] = (field["overwrite"]?.GetValue<bool>() ?? true, field["nullOverwrite"]?.GetValue<bool>() ?? false);
        }

        var import = _store.AddImport(input["createOnNoMatch"]?.GetValue<bool>() ?? false, options, _time.GetUtcNow());
        return PardotAnswer.Ok(ImportJson(import, _time.GetUtcNow()), 201);
    }

    /// <summary>Adds one CSV batch to an Open import: 204, or 160 (ten already), 161 (not Open), 164 (the day's batches), 159 (bad CSV), 130 (unknown columns).</summary>
    private PardotAnswer AddImportBatch(PardotRequest request, long id)
    {
        var now = _time.GetUtcNow();
        if (!_store.Imports.TryGetValue(id, out var import))
        {
            return PardotAnswer.V5Fail(109, 404, "The requested record was not found.");
        }

        if (import.ReadyAt is not null)
        {
            return PardotAnswer.V5Fail(161);
        }

        if (import.Batches >= _options.MaxImportBatches)
        {
            return PardotAnswer.V5Fail(160);
        }

        var today = TimeZoneInfo.ConvertTime(now, _zone).Date;
        if (_importBatchTimes.Count(t => TimeZoneInfo.ConvertTime(t, _zone).Date == today) >= _options.MaxImportBatchesPerDay)
        {
            return PardotAnswer.V5Fail(164);
        }

        switch (request.Files.Count)
        {
            case 0: return PardotAnswer.V5Fail(162);
            case > 1: return PardotAnswer.V5Fail(163);
        }

        var content = request.Files[0].Content;
        if (content.Length > _options.MaxImportBatchBytes)
        {
            return PardotAnswer.V5Fail(52, 413, "Limit of 10MB exceeded");
        }

        var rows = PardotCsv.Parse(Encoding.UTF8.GetString(content));
        if (rows is null || rows.Count < 2)
        {
            return PardotAnswer.V5Fail(159);
        }

        var header = rows[0].Select(h => h.Trim()).ToArray();
        if (import.Header is { } first && !first.SequenceEqual(header, StringComparer.OrdinalIgnoreCase))
        {
            return PardotAnswer.V5Fail(159, message: "Each batch must contain the same header row as the first");
        }

        if (CheckHeader(header, import.CreateOnNoMatch) is { } problem)
        {
            return problem;
        }

        import.Header = header;
        import.Rows.AddRange(rows.Skip(1));
        import.Batches++;
        import.UpdatedAt = now;
        _importBatchTimes.Add(now);
        return new PardotAnswer(204, null, "", "text/plain");
    }

    private PardotAnswer? CheckHeader(string[] header, bool createOnNoMatch)
    {
        var unknown = header.Where(h => !MatchColumns.Contains(h) && !IsListColumn(h) && !h.Equals("campaignId", StringComparison.OrdinalIgnoreCase) && _fields.FromV5(h) is null).ToList();
        if (unknown.Count > 0)
        {
            return PardotAnswer.V5Fail(130, message: string.Join(", ", unknown));
        }

        var matches = header.Count(MatchColumns.Contains);
        if (matches > 1)
        {
            return PardotAnswer.V5Fail(159, message: "Only one of 'matchId', 'matchEmail', and 'matchSalesforceId' may appear in import column headers.");
        }

        var missing = new List<string>();
        if (createOnNoMatch || matches == 0)
        {
            if (!header.Contains("email", StringComparer.OrdinalIgnoreCase)) { missing.Add("'email' column"); }
            if (!header.Contains("campaignId", StringComparer.OrdinalIgnoreCase)) { missing.Add("'campaignId' column"); }
        }

        return missing.Count > 0 ? PardotAnswer.V5Fail(13, message: string.Join(", ", missing)) : null;
    }

    /// <summary><c>PATCH {"status":"Ready"}</c>: Open → Waiting; 155 when not Open, 156 without batches.</summary>
    private PardotAnswer StartImport(PardotRequest request, long id)
    {
        var now = _time.GetUtcNow();
        if (!_store.Imports.TryGetValue(id, out var import))
        {
            return PardotAnswer.V5Fail(109, 404, "The requested record was not found.");
        }

        string? status;
        try
        {
            status = (string?)(JsonNode.Parse(request.Json ?? "") as JsonObject)?["status"];
        }
        catch (JsonException)
        {
            return PardotAnswer.V5Fail(150);
        }

        if (status != "Ready")
        {
            return PardotAnswer.V5Fail(154, message: "Requested state must be \"Ready\"");
        }

        if (import.ReadyAt is not null)
        {
            return PardotAnswer.V5Fail(155);
        }

        if (import.Batches == 0)
        {
            return PardotAnswer.V5Fail(156);
        }

        import.ReadyAt = now;
        import.UpdatedAt = now;
        return PardotAnswer.Ok(ImportJson(import, now));
    }

    private PardotAnswer ReadImport(long id) =>
        _store.Imports.TryGetValue(id, out var import)
            ? PardotAnswer.Ok(ImportJson(import, _time.GetUtcNow()))
            : PardotAnswer.V5Fail(109, 404, "The requested record was not found.");

    /// <summary>The failed rows of a complete import: its header plus an <c>error</c> column.</summary>
    private PardotAnswer ImportErrors(long id)
    {
        if (!_store.Imports.TryGetValue(id, out var import))
        {
            return PardotAnswer.V5Fail(109, 404, "The requested record was not found.");
        }

        if (Status(import, _time.GetUtcNow()) != "Complete")
        {
            return PardotAnswer.V5Fail(161);
        }

        var csv = new StringBuilder(PardotCsv.Line([.. import.Header!, "error"]));
        foreach (var (row, error) in import.Errors)
        {
            csv.Append(PardotCsv.Line([.. row, error]));
        }

        return new PardotAnswer(200, null, csv.ToString(), "text/csv");
    }

    private JsonObject ImportJson(PardotImport import, DateTimeOffset now)
    {
        var status = Status(import, now);
        var root = BaseAddress.AbsoluteUri.TrimEnd('/');
        var json = new JsonObject
        {
            ["id"] = import.Id,
            ["status"] = status,
            ["isExpired"] = false,
            ["createdAt"] = PardotWire.IsoDate(import.CreatedAt, _zone),
            ["updatedAt"] = PardotWire.IsoDate(import.UpdatedAt, _zone),
        };
        if (status == "Open")
        {
            json["batchesRef"] = $"{root}/api/v5/imports/{Text(import.Id)}/batches";
        }

        if (status == "Complete")
        {
            json["createdCount"] = import.CreatedCount;
            json["updatedCount"] = import.UpdatedCount;
            json["errorCount"] = import.Errors.Count;
            if (import.Errors.Count > 0)
            {
                json["errorsRef"] = $"{root}/api/v5/imports/{Text(import.Id)}/errors";
            }
        }

        return json;
    }

    /// <summary>The import's status now; an import whose running time is over is applied first.</summary>
    private string Status(PardotImport import, DateTimeOffset now)
    {
        if (import.ReadyAt is not { } ready)
        {
            return "Open";
        }

        if (now < ready + _options.ImportWaiting)
        {
            return "Waiting";
        }

        if (now < ready + _options.ImportWaiting + _options.ImportRunning)
        {
            return "Running";
        }

        if (!import.Applied)
        {
            Apply(import, ready + _options.ImportWaiting + _options.ImportRunning);
        }

        return "Complete";
    }

    /// <summary>Applies every import whose time has come, as the background processing would have.</summary>
    private void AdvanceImports(DateTimeOffset now)
    {
        foreach (var import in _store.Imports.Values)
        {
            Status(import, now);
        }
    }

    private void Apply(PardotImport import, DateTimeOffset at)
    {
        import.Applied = true;
        import.UpdatedAt = at;
        var header = import.Header!;
        foreach (var row in import.Rows)
        {
            if (ApplyRow(import, header, row, at) is { } error)
            {
                import.Errors.Add((row, error));
                _counter.Rejected();
            }
        }
    }

    /// <summary>Upserts one row; answers its error, or null.</summary>
    private string? ApplyRow(PardotImport import, string[] header, string[] row, DateTimeOffset at)
    {
        string? Cell(string column)
        {
            var i = Array.FindIndex(header, h => h.Equals(column, StringComparison.OrdinalIgnoreCase));
            return i < 0 ? null : row[i];
        }

        var lists = new List<(PardotList List, bool Join)>();
        foreach (var (column, join) in new[] { ("addToList", true), ("removeFromList", false) })
        {
            foreach (var part in (Cell(column) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var listId) || !_store.Lists.TryGetValue(listId, out var list))
                {
                    return $"Invalid list ID: {part}";
                }

                lists.Add((list, join));
            }
        }

        if (lists.Count > _options.MaxListsPerImportRow)
        {
            return $"A record may update at most {_options.MaxListsPerImportRow} lists";
        }

        PardotProspect? prospect = null;
        if (Cell("matchEmail") is { Length: > 0 } matchEmail)
        {
            prospect = _store.ByEmail(matchEmail).FirstOrDefault();
        }
        else if (Cell("matchId") is { Length: > 0 } matchId && long.TryParse(matchId, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            prospect = _store.Active(pid);
        }

        var email = Cell("email");
        if (email is { Length: > 0 } && !IsEmail(email))
        {
            return PardotWire.Message(4);
        }

        var creating = prospect is null;
        if (creating)
        {
            if (!import.CreateOnNoMatch && header.Any(MatchColumns.Contains))
            {
                return "No matching prospect was found";
            }

            if (email is not { Length: > 0 })
            {
                return PardotWire.Message(4);
            }

            prospect = _store.AddProspect(null, at);
            prospect.Email = email;
            prospect.CampaignId = long.TryParse(Cell("campaignId"), NumberStyles.None, CultureInfo.InvariantCulture, out var campaign) ? campaign : _options.DefaultCampaignId;
            import.CreatedCount++;
        }
        else
        {
            import.UpdatedCount++;
        }

        for (var i = 0; i < header.Length; i++)
        {
            var column = header[i];
            if (MatchColumns.Contains(column) || IsListColumn(column))
            {
                continue;
            }

            var (overwrite, nullOverwrite) = import.FieldOptions.TryGetValue(column, out var options) ? options : (true, false);
            if (!creating && (!overwrite || (row[i].Trim().Length == 0 && !nullOverwrite)))
            {
                continue;
            }

            if (column.Equals("campaignId", StringComparison.OrdinalIgnoreCase))
            {
                if (long.TryParse(row[i], NumberStyles.None, CultureInfo.InvariantCulture, out var campaign))
                {
                    prospect!.CampaignId = campaign;
                }
            }
            else if (_fields.FromV5(column) is "email")
            {
                if (row[i].Length > 0)
                {
                    prospect!.Email = row[i];
                }
            }
            else
            {
                prospect!.Set(_fields.FromV5(column)!, row[i].Trim().Length == 0 ? null : row[i]);
            }
        }

        foreach (var (list, join) in lists)
        {
            if (join)
            {
                _store.Join(list, prospect!.Id, at);
            }
            else
            {
                list.Members.Remove(prospect!.Id);
            }
        }

        prospect!.UpdatedAt = at;
        return null;
    }

    private static bool IsListColumn(string column) =>
        column.Equals("addToList", StringComparison.OrdinalIgnoreCase) || column.Equals("removeFromList", StringComparison.OrdinalIgnoreCase);
}
