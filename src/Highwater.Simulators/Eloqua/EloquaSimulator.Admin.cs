using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Eloqua;

public sealed partial class EloquaSimulator
{
    private static readonly JsonSerializerOptions AdminJson = new(JsonSerializerDefaults.Web);

    /// <summary>The <c>/_sim/</c> endpoints every simulator shares: seed, state, counts, faults, reset.</summary>
    private void MapAdmin(WebApplication app)
    {
        app.MapPost("/_sim/seed", async context =>
        {
            try
            {
                var seed = await JsonSerializer.DeserializeAsync<EloquaSeed>(context.Request.Body, AdminJson, context.RequestAborted)
                    ?? throw new ArgumentException("the seed is empty");
                await context.Response.WriteAsJsonAsync(Seed(seed), AdminJson, context.RequestAborted);
            }
            catch (Exception e) when (e is JsonException or ArgumentException)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(new { error = e.Message }, AdminJson, context.RequestAborted);
            }
        });
        app.MapGet("/_sim/state", context => context.Response.WriteAsJsonAsync(GetState(), AdminJson, context.RequestAborted));
        app.MapGet("/_sim/counts", context => context.Response.WriteAsJsonAsync(GetCounts(), AdminJson, context.RequestAborted));
        app.MapPost("/_sim/faults", async context =>
        {
            try
            {
                SetFaults(await JsonSerializer.DeserializeAsync<EloquaFaults>(context.Request.Body, AdminJson, context.RequestAborted) ?? new EloquaFaults());
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            }
            catch (JsonException e)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(new { error = e.Message }, AdminJson, context.RequestAborted);
            }
        });
        app.MapPost("/_sim/reset", context =>
        {
            Reset();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
    }
}
