using System.Text.Json;
using System.Text.Json.Nodes;
using Highwater.Simulators.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Hosting;

/// <summary>
/// The <c>/_sim/</c> endpoints every simulator answers alike (docs/simulators.md): seed, state,
/// counts, faults, reset. Bodies are JSON objects; one that is not answers 400, as does a seed the
/// simulator refuses (with the reason) or a fault of the wrong type.
/// </summary>
internal static class SimulatorAdmin
{
    /// <summary>Maps the five endpoints onto <paramref name="admin"/>.</summary>
    public static void Map(WebApplication app, ISimulatorAdmin admin)
    {
        app.MapPost("/_sim/seed", async context =>
        {
            if (await ReadObjectAsync(context) is not { } body)
            {
                return;
            }

            try
            {
                await WriteAsync(context, StateJson(admin.Seed(ParseSeed(body)), withDetails: false));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
            {
                await WriteAsync(context, new JsonObject { ["error"] = e.Message }, StatusCodes.Status400BadRequest);
            }
        });
        app.MapGet("/_sim/state", context => WriteAsync(context, StateJson(admin.State(), withDetails: true)));
        app.MapGet("/_sim/counts", context => WriteAsync(context, CountsJson(admin.Counts())));
        app.MapPost("/_sim/faults", async context =>
        {
            if (await ReadObjectAsync(context) is not { } body)
            {
                return;
            }

            try
            {
                admin.SetFaults(CommonFaults.From(body), body);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                await WriteAsync(context, new JsonObject { ["error"] = e.Message }, StatusCodes.Status400BadRequest);
            }
        });
        app.MapPost("/_sim/reset", context =>
        {
            admin.Reset();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
    }

    /// <summary>An admin request's JSON object; answers 400 and null when the body is not one.</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpContext context)
    {
        try
        {
            if (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) is JsonObject body)
            {
                return body;
            }
        }
        catch (JsonException)
        {
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return null;
    }

    /// <summary>Writes <paramref name="json"/> with <paramref name="status"/>.</summary>
    public static Task WriteAsync(HttpContext context, JsonNode json, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json.ToJsonString(), context.RequestAborted);
    }

    /// <summary>A JSON value as text: a string as it is, anything else as its JSON; null stays null.</summary>
    public static string? Text(JsonNode? node) =>
        node is null ? null
        : node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>()
        : node.ToJsonString();

    private static SimulatorSeed ParseSeed(JsonObject body) => new(
        Names(body["lists"]),
        [.. (body["records"] as JsonArray ?? []).Select(n => n as JsonObject ?? throw new ArgumentException("a seed record must be a JSON object")).Select(r => new SimulatorSeedRecord(
            Text(r["id"]),
            Text(r["email"]),
            (r["fields"] as JsonObject ?? []).ToDictionary(f => f.Key, f => Text(f.Value), StringComparer.Ordinal),
            Names(r["lists"])))]);

    private static List<string> Names(JsonNode? node) =>
        [.. (node as JsonArray ?? []).Select(n => Text(n) ?? throw new ArgumentException("a list name must not be null"))];

    private static JsonObject StateJson(SimulatorState state, bool withDetails)
    {
        var records = new JsonArray();
        foreach (var record in state.Records)
        {
            var json = new JsonObject { ["id"] = record.Id, ["email"] = record.Email };
            if (withDetails)
            {
                var fields = new JsonObject();
                foreach (var (field, value) in record.Fields)
                {
                    fields[field] = value;
                }

                json["fields"] = fields;
                json["lists"] = new JsonArray([.. record.Lists.Select(n => (JsonNode)n)]);
            }

            records.Add(json);
        }

        var lists = new JsonArray([.. state.Lists.Select(l => (JsonNode)new JsonObject { ["id"] = l.Id, ["name"] = l.Name })]);
        return new JsonObject { ["records"] = records, ["lists"] = lists };
    }

    private static JsonObject CountsJson(SimulatorCounts counts)
    {
        var kinds = new JsonObject();
        foreach (var (kind, n) in counts.ByKind)
        {
            kinds[kind] = n;
        }

        return new JsonObject
        {
            ["byKind"] = kinds,
            ["rateLimitRejections"] = counts.RateLimitRejections,
            ["recordRejections"] = counts.RecordRejections,
            ["total"] = counts.Total,
        };
    }
}
