using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Pardot;

public sealed partial class PardotConnector
{
    /// <summary>Every request of an import is a data request of its own kind, so its cost shows apart from batch calls.</summary>
    private static readonly CallTag ImportTag = new("import", IsData: true);

    /// <summary>Batches one import may hold (error code 160 beyond).</summary>
    private const int MaxBatchesPerImport = 10;

    /// <summary>
    /// A bulk upsert as v5 Import API jobs: <c>POST /api/v5/imports</c> (upsert prospects, create on
    /// no match), one <c>POST {id}/batches</c> per CSV batch of at most <see cref="PardotConnectorOptions.ImportBatchBytes"/>,
    /// <c>PATCH {id} {"status":"Ready"}</c>, then <c>GET {id}</c> every poll interval until Complete
    /// and, if rows failed, <c>GET {id}/errors</c>. Rows match on <c>matchEmail</c>, carry every
    /// field (an empty cell clears: <c>nullOverwrite</c>) and the lists to join and leave
    /// (<c>addToList</c>, <c>removeFromList</c>, ids separated by ";"); a new prospect joins the
    /// import campaign, an existing one keeps its own. A record is done when its job is complete
    /// and its row is not in the errors file. A job whose answers were lost before it was started
    /// did nothing and is simply abandoned (an import never made Ready expires unapplied).
    /// </summary>
    private async Task<CallResult> ImportAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var listIds = await ListIdsAsync(call.Records, cancellationToken).ConfigureAwait(false);
        var fields = call.Records.SelectMany(r => r.Fields?.Keys ?? []).Where(f => f != "email").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        string[] header = ["matchEmail", "email", "campaignId", .. fields.Select(V5Name), "addToList", "removeFromList"];
        var headerLine = PardotCsvText.Line(header);
        var campaign = _options.ImportCampaignId!.Value.ToString(CultureInfo.InvariantCulture);

        var batches = new List<StringBuilder>();
        var current = new StringBuilder(headerLine);
        var rowsInCurrent = 0;
        foreach (var record in call.Records)
        {
            var line = PardotCsvText.Line(Row(record, fields, campaign, listIds));
            if (rowsInCurrent > 0 && Encoding.UTF8.GetByteCount(line) + Encoding.UTF8.GetByteCount(current.ToString()) > _options.ImportBatchBytes)
            {
                batches.Add(current);
                current = new StringBuilder(headerLine);
                rowsInCurrent = 0;
            }

            current.Append(line);
            rowsInCurrent++;
        }

        batches.Add(current);
        var failed = new Dictionary<string, string>(ForeignKeys.Comparer);
        foreach (var job in batches.Chunk(MaxBatchesPerImport))
        {
            foreach (var (email, error) in await RunImportAsync(header, fields, job, call.Records.Count, cancellationToken).ConfigureAwait(false))
            {
                failed.TryAdd(email, error);
            }
        }

        return new CallResult([.. call.Records.Select(r => r.ForeignKey is { } key && failed.TryGetValue(key, out var error)
            ? RecordOutcome.Rejected(r.ProfileKey, "import", error)
            : RecordOutcome.Done(r.ProfileKey, r.RemoteId))]);
    }

    private string?[] Row(PlannedRecord record, List<string> fields, string campaign, IReadOnlyDictionary<string, string> listIds)
    {
        var row = new List<string?> { record.ForeignKey, record.ForeignKey, campaign };
        foreach (var field in fields)
        {
            row.Add(record.Fields?.GetValueOrDefault(field) ?? "");
        }

        var changes = record.ListChanges ?? [];
        row.Add(string.Join(';', changes.Where(c => c.Direction == MembershipDirection.Add).Select(c => listIds[c.List])));
        row.Add(string.Join(';', changes.Where(c => c.Direction == MembershipDirection.Remove).Select(c => listIds[c.List])));
        return [.. row];
    }

    /// <summary>One import job from create to complete; answers the failed rows' e-mails with their messages.</summary>
    private async Task<List<(string Email, string Error)>> RunImportAsync(string[] header, List<string> fields, StringBuilder[] batches, int records, CancellationToken cancellationToken)
    {
        var options = new JsonArray { new JsonObject { ["name"] = "campaignId", ["overwrite"] = false } };
        foreach (var field in fields)
        {
            options.Add(new JsonObject { ["name"] = V5Name(field), ["overwrite"] = true, ["nullOverwrite"] = true });
        }

        var input = new JsonObject { ["operation"] = "Upsert", ["object"] = "Prospect", ["createOnNoMatch"] = true, ["fields"] = options }.ToJsonString();
        var created = await SendAsync(ImportTag, HttpMethod.Post, "api/v5/imports", () => JsonContent(input), mayApply: false, cancellationToken).ConfigureAwait(false);
        if (!created.IsSuccess || PardotResponse.Text(created.Json?["id"]) is not { } idText || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw Refused(ImportTag, created);
        }

        var n = 0;
        foreach (var batch in batches)
        {
            var csv = batch.ToString();
            var name = $"highwater-{id}-{++n}.csv";
            var uploaded = await SendAsync(ImportTag, HttpMethod.Post, $"api/v5/imports/{idText}/batches", () => FileContent(csv, name), mayApply: false, cancellationToken).ConfigureAwait(false);
            if (!uploaded.IsSuccess)
            {
                throw Refused(ImportTag, uploaded);
            }
        }

        await StartImportAsync(id, cancellationToken).ConfigureAwait(false);
        LogImportStarted(id, records, batches.Length);
        var (complete, polls) = await PollImportAsync(id, cancellationToken).ConfigureAwait(false);
        var errorCount = PardotResponse.Number(complete["errorCount"]) ?? 0;
        LogImportComplete(id, polls, PardotResponse.Number(complete["createdCount"]) ?? 0, PardotResponse.Number(complete["updatedCount"]) ?? 0, errorCount);
        return errorCount == 0 ? [] : await ImportErrorsAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the import Ready. If that answer is lost, reads the import: still Open means the PATCH did not land, so it goes once more.</summary>
    private async Task StartImportAsync(long id, CancellationToken cancellationToken)
    {
        const string Ready = """{"status":"Ready"}""";
        var path = $"api/v5/imports/{id.ToString(CultureInfo.InvariantCulture)}";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var started = await SendAsync(ImportTag, HttpMethod.Patch, path, () => JsonContent(Ready), mayApply: true, cancellationToken).ConfigureAwait(false);
                if (!started.IsSuccess)
                {
                    throw Refused(ImportTag, started);
                }

                return;
            }
            catch (ServiceCallException e) when (e.MayHaveApplied && attempt == 0)
            {
                LogImportTrouble(id, "the answer to Ready was lost; reading the import");
                var read = await SendAsync(ImportTag, HttpMethod.Get, path, null, mayApply: false, cancellationToken).ConfigureAwait(false);
                if (read.IsSuccess && PardotResponse.Text(read.Json?["status"]) != "Open")
                {
                    return;
                }
            }
        }
    }

    /// <summary>Reads the import every poll interval until it is Complete; a read whose answer is lost is simply the next one's job.</summary>
    private async Task<(JsonObject Import, int Polls)> PollImportAsync(long id, CancellationToken cancellationToken)
    {
        var path = $"api/v5/imports/{id.ToString(CultureInfo.InvariantCulture)}";
        for (var polls = 1; polls <= _options.ImportMaxPolls; polls++)
        {
            await Task.Delay(_options.ImportPollInterval, _time, cancellationToken).ConfigureAwait(false);
            PardotResponse read;
            try
            {
                read = await SendAsync(ImportTag, HttpMethod.Get, path, null, mayApply: false, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceCallException e) when (e.Failure == ServiceCallFailure.Transient)
            {
                LogImportTrouble(id, "a read failed: " + e.Message);
                continue;
            }

            if (!read.IsSuccess)
            {
                throw Refused(ImportTag, read);
            }

            if (PardotResponse.Text(read.Json?["status"]) == "Complete")
            {
                return (read.Json!, polls);
            }
        }

        // The import runs on without us; its records are unknown, and sending them again is an
        // upsert by e-mail, so the executor may retry.
        throw new ServiceCallException($"Pardot import {id} was not complete after {_options.ImportMaxPolls} reads", ServiceCallFailure.Unknown, "import");
    }

    /// <summary><c>GET {id}/errors</c>: the failed rows, each with its <c>matchEmail</c> and the message in the last column.</summary>
    private async Task<List<(string Email, string Error)>> ImportErrorsAsync(long id, CancellationToken cancellationToken)
    {
        var response = await SendAsync(ImportTag, HttpMethod.Get, $"api/v5/imports/{id.ToString(CultureInfo.InvariantCulture)}/errors", null, mayApply: false, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw Refused(ImportTag, response);
        }

        var rows = PardotCsvText.Read(response.Body);
        if (rows.Count == 0)
        {
            return [];
        }

        var header = rows[0];
        var match = header.FindIndex(h => h.Equals("matchEmail", StringComparison.OrdinalIgnoreCase));
        var error = header.FindIndex(h => h.Equals("error", StringComparison.OrdinalIgnoreCase));
        error = error < 0 ? header.Count - 1 : error;
        return [.. rows.Skip(1).Where(r => match >= 0 && r.Count > Math.Max(match, error)).Select(r => (r[match], r[error]))];
    }

    /// <summary>A v4 field name as an import column: <c>first_name</c> → <c>firstName</c>; a custom field adds <c>__c</c>.</summary>
    internal string V5Name(string field)
    {
        var camel = new StringBuilder(field.Length);
        var upper = false;
        foreach (var c in field)
        {
            if (c == '_')
            {
                upper = camel.Length > 0;
                continue;
            }

            camel.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return _options.CustomFields.Contains(field) ? camel + "__c" : camel.ToString();
    }

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    private static MultipartFormDataContent FileContent(string csv, string name)
    {
        var file = new StringContent(csv, Encoding.UTF8);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", name } };
    }
}
