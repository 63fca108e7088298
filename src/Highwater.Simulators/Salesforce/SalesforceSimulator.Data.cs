using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Highwater.Simulators.Salesforce.Soql;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Salesforce;

public sealed partial class SalesforceSimulator
{
    /// <summary><c>GET /query?q=SELECT ..</c>: the first page of rows, <c>nextRecordsUrl</c> when there are more.</summary>
    /// <summary>
    /// Describe: <c>GET /services/data/vXX.X/sobjects/Contact/describe</c>, the object's fields with
    /// name, label, length and whether a write may set them (Id, read-only, is listed as not
    /// createable or updateable). Other objects: 404 NOT_FOUND.
    /// </summary>
    private async Task DescribeAsync(HttpContext context)
    {
        var type = (string)context.Request.RouteValues["type"]!;
        JsonNode answer;
        lock (_lock)
        {
            Count("describe");
            if (!string.Equals(type, "Contact", StringComparison.Ordinal))
            {
                answer = Error("NOT_FOUND", "The requested resource does not exist");
            }
            else
            {
                var fields = new JsonArray { new JsonObject { ["name"] = "Id", ["label"] = "Contact ID", ["type"] = "id", ["length"] = 18, ["createable"] = false, ["updateable"] = false } };
                foreach (var field in _org.Schema.Fields)
                {
                    fields.Add(new JsonObject { ["name"] = field.Name, ["label"] = field.Label, ["type"] = field.IsEmail ? "email" : "string", ["length"] = field.MaxLength, ["createable"] = true, ["updateable"] = true, ["nillable"] = !field.IsRequired });
                }

                answer = new JsonObject { ["name"] = "Contact", ["label"] = "Contact", ["fields"] = fields };
            }
        }

        await AnswerAsync(context, answer is JsonArray ? StatusCodes.Status404NotFound : StatusCodes.Status200OK, answer);
    }

    private async Task QueryAsync(HttpContext context)
    {
        string? q = context.Request.Query["q"];
        if (string.IsNullOrWhiteSpace(q))
        {
            Count("lookup");
            await AnswerAsync(context, StatusCodes.Status400BadRequest, Error("MALFORMED_QUERY", "A query string has to be specified"));
            return;
        }

        var version = Version(context);
        JsonNode answer;
        int status = StatusCodes.Status200OK;
        lock (_lock)
        {
            try
            {
                var query = SoqlParser.Parse(q);
                var (type, rows) = _org.Query(query, version);
                var kind = KindOf(type);
                _counter.Count(kind);
                var cursor = new QueryCursor(kind, version, rows);
                answer = Page(cursor, 0);
            }
            catch (SoqlException e)
            {
                _counter.Count("lookup");
                answer = Error(e.ErrorCode, e.Message);
                status = StatusCodes.Status400BadRequest;
            }
        }

        await AnswerAsync(context, status, answer);
    }

    /// <summary><c>GET /query/{locator}-{offset}</c>: the next page of a query.</summary>
    private async Task QueryMoreAsync(HttpContext context)
    {
        var locator = (string)context.Request.RouteValues["locator"]!;
        var dash = locator.LastIndexOf('-');
        JsonNode? answer = null;
        lock (_lock)
        {
            if (dash > 0
                && _cursors.TryGetValue(locator[..dash], out var cursor)
                && int.TryParse(locator[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                && offset < cursor.Rows.Count)
            {
                _counter.Count(cursor.Kind);
                answer = Page(cursor, offset, locator[..dash]);
            }
            else
            {
                _counter.Count("lookup");
            }
        }

        await AnswerAsync(
            context,
            answer is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK,
            answer ?? Error("INVALID_QUERY_LOCATOR", "invalid query locator"));
    }

    private JsonObject Page(QueryCursor cursor, int offset, string? locator = null)
    {
        var size = _options.QueryBatchSize;
        var page = cursor.Rows.Skip(offset).Take(size).Select(r => r.DeepClone()).ToArray();
        var answer = new JsonObject
        {
            ["totalSize"] = cursor.Rows.Count,
            ["done"] = offset + size >= cursor.Rows.Count,
        };
        if (offset + size < cursor.Rows.Count)
        {
            if (locator is null)
            {
                locator = SalesforceIds.QueryLocatorPrefix + SalesforceIds.Make("8c0", _cursors.Count + 1)[3..];
                _cursors[locator] = cursor;
            }

            answer["nextRecordsUrl"] = string.Create(CultureInfo.InvariantCulture, $"/services/data/{cursor.Version}/query/{locator}-{offset + size}");
        }

        answer["records"] = new JsonArray(page);
        return answer;
    }

    /// <summary><c>POST /composite/sobjects</c>: creates up to 200 records, one SaveResult each in order.</summary>
    private Task CreateCollectionAsync(HttpContext context) =>
        CollectionAsync(context, creating: true, ["Contact", "CampaignMember", "Campaign"]);

    /// <summary><c>PATCH /composite/sobjects</c>: updates up to 200 records by <c>id</c>.</summary>
    private Task UpdateCollectionAsync(HttpContext context) =>
        CollectionAsync(context, creating: false, ["Contact", "Campaign"]);

    private async Task CollectionAsync(HttpContext context, bool creating, string[] types)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException e)
        {
            Count(creating ? "create" : "update");
            await AnswerAsync(context, StatusCodes.Status400BadRequest, Error("JSON_PARSER_ERROR", e.Message));
            return;
        }

        var records = body?["records"] as JsonArray;
        var allOrNone = body?["allOrNone"]?.GetValueKind() == JsonValueKind.True;
        var problem = records switch
        {
            null or { Count: 0 } => Error("REQUIRED_FIELD_MISSING", "At least 1 record is required"),
            _ when records.Count > _options.MaxCollectionRecords => TooMany(),
            _ when records.Any(r => r is not JsonObject) => Error("JSON_PARSER_ERROR", "Each record must be a JSON object"),
            _ => null,
        };
        var typed = problem is null ? records!.Cast<JsonObject>().Select(r => (Type: TypeOf(r, types), Record: r)).ToList() : [];
        if (problem is null && typed.FirstOrDefault(t => t.Type.Error is not null) is { Type.Error: { } typeError })
        {
            problem = typeError;
        }

        if (problem is not null)
        {
            Count(creating ? "create" : "update");
            await AnswerAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        JsonArray answer;
        lock (_lock)
        {
            var kind = typed[0].Type.Name switch
            {
                "CampaignMember" => "listAdd",
                "Campaign" => "lists",
                _ => creating ? "create" : "update",
            };
            _counter.Count(kind);
            var restore = allOrNone ? _org.Snapshot() : null;
            var results = typed.Select(t => creating ? _org.Create(t.Type.Name!, t.Record) : _org.Update(t.Type.Name!, t.Record)).ToList();
            answer = Finish(results, restore);
        }

        await AnswerAsync(context, StatusCodes.Status200OK, answer);
    }

    /// <summary><c>DELETE /composite/sobjects?ids=a,b&amp;allOrNone=false</c>: up to 200 ids, any object.</summary>
    private async Task DeleteCollectionAsync(HttpContext context)
    {
        var ids = ((string?)context.Request.Query["ids"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var allOrNone = string.Equals(context.Request.Query["allOrNone"], "true", StringComparison.OrdinalIgnoreCase);
        var kind = ids.Length == 0 ? "delete" : ids[0] switch
        {
            var id when id.StartsWith(SalesforceIds.MemberPrefix, StringComparison.Ordinal) => "listRemove",
            var id when id.StartsWith(SalesforceIds.CampaignPrefix, StringComparison.Ordinal) => "lists",
            _ => "delete",
        };
        if (ids.Length == 0 || ids.Length > _options.MaxCollectionRecords)
        {
            Count(kind);
            await AnswerAsync(context, StatusCodes.Status400BadRequest, ids.Length == 0 ? Error("MISSING_ARGUMENT", "ids parameter is required") : TooMany());
            return;
        }

        JsonArray answer;
        lock (_lock)
        {
            _counter.Count(kind);
            var restore = allOrNone ? _org.Snapshot() : null;
            answer = Finish([.. ids.Select(_org.Delete)], restore);
        }

        await AnswerAsync(context, StatusCodes.Status200OK, answer);
    }

    /// <summary><c>POST /sobjects/{type}</c>: one record; 201 with its id, or 400 with the errors.</summary>
    private async Task CreateOneAsync(HttpContext context)
    {
        var type = (string)context.Request.RouteValues["type"]!;
        var kind = type == "Campaign" ? "lists" : "create";
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException e)
        {
            Count(kind);
            await AnswerAsync(context, StatusCodes.Status400BadRequest, Error("JSON_PARSER_ERROR", e.Message));
            return;
        }

        if (type is not ("Contact" or "Campaign"))
        {
            Count(kind);
            await AnswerAsync(context, StatusCodes.Status404NotFound, Error("NOT_FOUND", "The requested resource does not exist"));
            return;
        }

        if (body is null)
        {
            Count(kind);
            await AnswerAsync(context, StatusCodes.Status400BadRequest, Error("JSON_PARSER_ERROR", "The request body must be a JSON object"));
            return;
        }

        SaveResult result;
        lock (_lock)
        {
            _counter.Count(kind);
            result = _org.Create(type, body);
            if (!result.Success)
            {
                _counter.Rejected();
            }
        }

        await AnswerAsync(
            context,
            result.Success ? StatusCodes.Status201Created : StatusCodes.Status400BadRequest,
            result.Success
                ? result.ToJson()
                : new JsonArray([.. result.Errors.Select(e => (JsonNode)new JsonObject
                {
                    ["message"] = e.Message,
                    ["errorCode"] = e.StatusCode,
                    ["fields"] = new JsonArray([.. e.Fields.Select(f => (JsonNode)JsonValue.Create(f))]),
                })]));
    }

    /// <summary>
    /// The answer array; under allOrNone a failure rolls everything back and the records that were
    /// fine answer ALL_OR_NONE_OPERATION_ROLLED_BACK.
    /// </summary>
    private JsonArray Finish(List<SaveResult> results, Action? restore)
    {
        if (restore is not null && results.Exists(r => !r.Success))
        {
            restore();
            results = [.. results.Select(r => r.Success
                ? SaveResult.Fail("ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back because not all records were valid and the request was using AllOrNone header")
                : r)];
        }

        _counter.Rejected(results.Count(r => !r.Success));
        return [.. results.Select(r => (JsonNode)r.ToJson())];
    }

    private JsonArray TooMany() => Error(
        "EXCEEDED_ID_LIMIT",
        string.Create(CultureInfo.InvariantCulture, $"record limit reached. cannot submit more than {_options.MaxCollectionRecords} records into this call"));

    private static (string? Name, JsonArray? Error) TypeOf(JsonObject record, string[] types)
    {
        var type = record["attributes"]?["type"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        if (type is null)
        {
            return (null, Error("INVALID_TYPE", "Must send a concrete entity type."));
        }

        var known = types.FirstOrDefault(t => t.Equals(type, StringComparison.OrdinalIgnoreCase));
        return known is not null
            ? (known, null)
            : (null, Error("INVALID_TYPE", $"sObject type '{type}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."));
    }

    private static string KindOf(string type) => type switch
    {
        "Contact" => "lookup",
        "CampaignMember" => "listRemove",
        _ => "lists",
    };
}
