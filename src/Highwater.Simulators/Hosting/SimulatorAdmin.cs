using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Hosting;

/// <summary>
/// The <c>/_sim/</c> endpoints every simulator shares (seed, state, counts, faults, reset) and the
/// pieces of them that do not depend on the service.
/// </summary>
internal static class SimulatorAdmin
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Maps the five endpoints for a simulator whose seed and faults bind straight from JSON: a
    /// seed or faults body that is not valid JSON (or a seed the simulator refuses with an
    /// <see cref="ArgumentException"/>) answers 400 with the reason.
    /// </summary>
    public static void Map<TSeed, TFaults>(
        WebApplication app,
        Func<TSeed, object> seed,
        Func<object> state,
        Func<object> counts,
        Action<TFaults> faults,
        Action reset)
        where TFaults : new()
    {
        app.MapPost("/_sim/seed", async context =>
        {
            try
            {
                var body = await JsonSerializer.DeserializeAsync<TSeed>(context.Request.Body, Json, context.RequestAborted)
                    ?? throw new ArgumentException("the seed is empty");
                await context.Response.WriteAsJsonAsync(seed(body), Json, context.RequestAborted);
            }
            catch (Exception e) when (e is JsonException or ArgumentException)
            {
                await BadRequestAsync(context, e.Message);
            }
        });
        app.MapGet("/_sim/state", context => context.Response.WriteAsJsonAsync(state(), Json, context.RequestAborted));
        app.MapGet("/_sim/counts", context => context.Response.WriteAsJsonAsync(counts(), Json, context.RequestAborted));
        app.MapPost("/_sim/faults", async context =>
        {
            try
            {
                faults(await JsonSerializer.DeserializeAsync<TFaults>(context.Request.Body, Json, context.RequestAborted) ?? new TFaults());
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            }
            catch (JsonException e)
            {
                await BadRequestAsync(context, e.Message);
            }
        });
        MapReset(app, reset);
    }

    /// <summary>Maps <c>POST /_sim/reset</c>: forgets every record, count and fault; answers 204.</summary>
    public static void MapReset(WebApplication app, Action reset) =>
        app.MapPost("/_sim/reset", context =>
        {
            reset();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });

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

    /// <summary>The counts as <c>/_sim/counts</c> answers them: requests by kind, refusals, the total.</summary>
    public static JsonObject CountsJson(IEnumerable<KeyValuePair<string, long>> byKind, long rateLimitRejections, long recordRejections, long total)
    {
        var kinds = new JsonObject();
        foreach (var (kind, n) in byKind)
        {
            kinds[kind] = n;
        }

        return new JsonObject
        {
            ["byKind"] = kinds,
            ["rateLimitRejections"] = rateLimitRejections,
            ["recordRejections"] = recordRejections,
            ["total"] = total,
        };
    }

    private static Task BadRequestAsync(HttpContext context, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsJsonAsync(new { error = reason }, Json, context.RequestAborted);
    }
}
