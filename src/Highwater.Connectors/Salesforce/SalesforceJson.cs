using System.Text.Json;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Salesforce;

/// <summary>Reads the REST API's answers: query pages and sObject Collections results.</summary>
internal static class SalesforceJson
{
    /// <summary>
    /// Adds a query page's <c>records</c> to <paramref name="rows"/>; answers its
    /// <c>nextRecordsUrl</c> when <c>done</c> is false, else null.
    /// </summary>
    public static string? ReadPage(string body, List<JsonElement> rows)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return ReadPage(document.RootElement, rows);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ServiceCallException("Salesforce answered a query with something that is not a query result", ServiceCallFailure.Transient, null, e);
        }
    }

    /// <summary>The same for a parsed result, e.g. a child relationship's <c>{"totalSize","done","records"}</c>.</summary>
    public static string? ReadPage(JsonElement page, List<JsonElement> rows)
    {
        foreach (var row in page.GetProperty("records").EnumerateArray())
        {
            rows.Add(row.Clone());
        }

        var done = !page.TryGetProperty("done", out var flag) || flag.ValueKind != JsonValueKind.False;
        return done ? null : page.GetProperty("nextRecordsUrl").GetString();
    }

    /// <summary>A field of a row as text (null for JSON null or absent).</summary>
    public static string? Text(JsonElement row, string field) =>
        row.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// The results of an sObject Collections request, one per record in order:
    /// <c>[{"id":"003..","success":true,"errors":[]}, {"success":false,"errors":[{"statusCode","message","fields"}]}]</c>.
    /// </summary>
    /// <exception cref="ServiceCallException">The answer is not such an array of <paramref name="count"/> results (Unknown: what was applied cannot be told).</exception>
    public static List<SaveOutcome> ReadSaveResults(string body, int count)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var results = new List<SaveOutcome>(count);
            foreach (var result in document.RootElement.EnumerateArray())
            {
                var success = result.GetProperty("success").GetBoolean();
                string? code = null, message = null;
                if (!success && result.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
                {
                    code = Text(errors[0], "statusCode");
                    message = Text(errors[0], "message");
                }

                results.Add(new SaveOutcome(Text(result, "id"), success, code, message));
            }

            if (results.Count != count)
            {
                throw new ServiceCallException($"Salesforce answered {results.Count} results for {count} records", ServiceCallFailure.Unknown);
            }

            return results;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ServiceCallException("Salesforce answered a collection request with something that is not a result list", ServiceCallFailure.Unknown, null, e);
        }
    }
}
