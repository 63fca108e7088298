using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Mailchimp;

public sealed partial class MailchimpConnector
{
    /// <summary>
    /// Runs requests about single members: each by itself when there are fewer than
    /// <see cref="MailchimpService.BatchOperationRequests"/>, else as one Batch Operation
    /// (<c>POST /batches</c>, polled with <c>GET /batches/{id}</c> until <c>finished</c>, its results read
    /// from the gzipped tar archive at <c>response_body_url</c>). Answers each operation's status and
    /// body by its index; an operation the results do not mention is absent.
    /// </summary>
    private async Task<Dictionary<int, MailchimpAnswer>> RunAsync(CallTag tag, IReadOnlyList<MailchimpOperation> operations, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<int, MailchimpAnswer>();
        if (operations.Count < MailchimpService.BatchOperationRequests)
        {
            foreach (var operation in operations)
            {
                answers[operation.Index] = await SendAsync(tag, operation.Method, operation.Path, operation.Body, mayApply: operation.Method != HttpMethod.Get, cancellationToken).ConfigureAwait(false);
            }

            return answers;
        }

        var body = new JsonObject
        {
            ["operations"] = new JsonArray([.. operations.Select(o => (JsonNode)new JsonObject
            {
                ["method"] = o.Method.Method,
                ["path"] = "/" + o.Path,
                ["operation_id"] = o.Index.ToString(CultureInfo.InvariantCulture),
                ["body"] = o.Body?.ToJsonString(),
            })]),
        };
        var submitted = await SendAsync(tag, HttpMethod.Post, "batches", body, mayApply: true, cancellationToken).ConfigureAwait(false);
        var id = MailchimpJson.Text(submitted.Body?["id"]);
        if (submitted.Status != 200 || id is null)
        {
            throw new ServiceCallException($"Mailchimp refused the Batch Operation: {submitted.Describe()}", ServiceCallFailure.Permanent, submitted.Status.ToString(CultureInfo.InvariantCulture));
        }

        var resultsUrl = await AwaitBatchAsync(tag, id, cancellationToken).ConfigureAwait(false);
        var archive = await DownloadAsync(resultsUrl, cancellationToken).ConfigureAwait(false);
        foreach (var result in await ReadResultsAsync(archive, cancellationToken).ConfigureAwait(false))
        {
            if (int.TryParse(MailchimpJson.Text(result["operation_id"]), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && int.TryParse(MailchimpJson.Text(result["status_code"]), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                answers[index] = new MailchimpAnswer(status, MailchimpJson.Text(result["response"]) is { } text ? MailchimpJson.Parse(text) : null);
            }
        }

        return answers;
    }

    /// <summary>
    /// Polls a Batch Operation until it is finished, 1 s after its submission, then 2 s, doubling up
    /// to <see cref="MailchimpConnectorOptions.BatchPollInterval"/>: a small batch is done in seconds,
    /// a large one polled no more than that often. Answers its results link.
    /// </summary>
    private async Task<Uri> AwaitBatchAsync(CallTag tag, string id, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var poll = tag with { Kind = "batchStatus", IsData = false };
        var wait = TimeSpan.FromSeconds(1);
        while (true)
        {
            await Task.Delay(wait < _options.BatchPollInterval ? wait : _options.BatchPollInterval, _time, cancellationToken).ConfigureAwait(false);
            wait *= 2;
            var answer = await SendAsync(poll, HttpMethod.Get, $"batches/{Uri.EscapeDataString(id)}", null, mayApply: false, cancellationToken).ConfigureAwait(false);
            if (answer.Status != 200)
            {
                throw new ServiceCallException($"Mailchimp could not say how Batch Operation {id} stands: {answer.Describe()}", ServiceCallFailure.Unknown, answer.Status.ToString(CultureInfo.InvariantCulture));
            }

            if (MailchimpJson.Text(answer.Body?["status"]) == "finished")
            {
                return Uri.TryCreate(MailchimpJson.Text(answer.Body?["response_body_url"]), UriKind.Absolute, out var url)
                    ? url
                    : throw new ServiceCallException($"Mailchimp finished Batch Operation {id} without a results link", ServiceCallFailure.Unknown);
            }

            if (_time.GetUtcNow() - started > _options.BatchTimeout)
            {
                // Its operations may still run: what it carried is left to a later try, which finds each member where it is.
                throw new ServiceCallException($"Mailchimp Batch Operation {id} was not finished after {_options.BatchTimeout.TotalMinutes:0} minutes", ServiceCallFailure.Unknown);
            }
        }
    }

    /// <summary>The operation results of a Batch Operation's archive: every JSON file in the gzipped tar is an array of them.</summary>
    private static async Task<List<JsonObject>> ReadResultsAsync(byte[] archive, CancellationToken cancellationToken)
    {
        var results = new List<JsonObject>();
        try
        {
            await using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null || !entry.Name.EndsWith(".json", StringComparison.Ordinal))
                {
                    continue;
                }

                results.AddRange(MailchimpJson.Objects(await JsonNode.ParseAsync(entry.DataStream, cancellationToken: cancellationToken).ConfigureAwait(false)));
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException or FormatException)
        {
            throw new ServiceCallException($"Mailchimp batch results: the archive could not be read ({ex.Message})", ServiceCallFailure.Unknown, null, ex);
        }

        return results;
    }
}
