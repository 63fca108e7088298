using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace Highwater.Simulators.Mailchimp;

public sealed partial class MailchimpSimulator
{
    /// <summary>
    /// <c>POST /batches</c>: runs every operation now (each counted under its own kind), keeps their
    /// results as a gzipped tar of one JSON array (<c>status_code</c>, <c>operation_id</c>,
    /// <c>response</c> as a string), and answers the batch <c>pending</c>; it reports itself finished
    /// once <see cref="MailchimpSimulatorOptions.BatchLatency"/> has passed.
    /// </summary>
    private MailchimpSimAnswer SubmitBatch(JsonObject? body)
    {
        Count("batch");
        if (body?["operations"] is not JsonArray operations)
        {
            return new(400, Problem(400, "Invalid Resource", "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", new JsonArray(new JsonObject { ["field"] = "operations", ["message"] = "Required property operations was not present" })));
        }

        var results = new JsonArray();
        var errored = 0;
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var method = Str(operation["method"])?.ToUpperInvariant() ?? "GET";
            var path = Str(operation["path"]) ?? "";
            var q = path.IndexOf('?', StringComparison.Ordinal);
            var query = q >= 0 ? path[(q + 1)..] : "";
            path = q >= 0 ? path[..q] : path;
            JsonObject? operationBody = null;
            if (Str(operation["body"]) is { Length: > 0 } text)
            {
                try
                {
                    operationBody = JsonNode.Parse(text) as JsonObject;
                }
                catch (System.Text.Json.JsonException)
                {
                }
            }

            var answer = Dispatch(method, path.StartsWith("/3.0/", StringComparison.Ordinal) ? path[5..] : path, Query(query), operationBody, inBatch: true);
            errored += answer.Status >= 400 ? 1 : 0;
            results.Add(new JsonObject
            {
                ["status_code"] = answer.Status,
                ["operation_id"] = Str(operation["operation_id"]),
                ["response"] = answer.Body?.ToJsonString() ?? "",
            });
        }

        var id = NextId(10);
        var batch = new MailchimpSimBatch(id, _time.GetUtcNow(), operations.Count, errored, Archive(id, results));
        _batches[id] = batch;
        return new(200, BatchJson(batch, finished: false));
    }

    /// <summary><c>GET /batches/{batch_id}</c>: <c>started</c> until the latency has passed, then <c>finished</c> with its results link.</summary>
    private MailchimpSimAnswer BatchStatus(string id)
    {
        Count("batchStatus");
        return _batches.TryGetValue(id, out var batch)
            ? new(200, BatchJson(batch, finished: _time.GetUtcNow() >= batch.SubmittedAt + _options.BatchLatency))
            : NotFound();
    }

    private JsonObject BatchJson(MailchimpSimBatch batch, bool finished) => new()
    {
        ["id"] = batch.Id,
        ["status"] = finished ? "finished" : "started",
        ["total_operations"] = batch.Total,
        ["finished_operations"] = finished ? batch.Total : 0,
        ["errored_operations"] = finished ? batch.Errored : 0,
        ["submitted_at"] = Iso(batch.SubmittedAt),
        ["completed_at"] = finished ? Iso(batch.SubmittedAt + _options.BatchLatency) : "",
        ["response_body_url"] = finished ? new Uri(BaseAddress, $"batch-results/{batch.Id}.tar.gz").ToString() : "",
    };

    private static byte[] Archive(string id, JsonArray results)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            var entry = new PaxTarEntry(TarEntryType.Directory, $"{id}/");
            tar.WriteEntry(entry);
            var file = new PaxTarEntry(TarEntryType.RegularFile, $"{id}/{id}-0.json")
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(results.ToJsonString())),
            };
            tar.WriteEntry(file);
        }

        return buffer.ToArray();
    }

    private static Dictionary<string, string> Query(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .GroupBy(p => Uri.UnescapeDataString(p[0]), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First() is [_, var v] ? Uri.UnescapeDataString(v) : "", StringComparer.Ordinal);
}
