using System.Text.Json;
using System.Text.Json.Nodes;
using Highwater.Simulators.Hosting;
using Highwater.Simulators.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.HubSpot;

public sealed partial class HubSpotSimulator : ISimulatorAdmin
{
    private static readonly JsonSerializerOptions SeedJson = new(JsonSerializerDefaults.Web);

    /// <summary>The <c>/_sim/</c> endpoints every simulator shares, and HubSpot's own <c>POST /_sim/hubspot/seed</c> (a <see cref="HubSpotSeed"/>: properties and DYNAMIC lists too).</summary>
    private void MapAdmin(WebApplication app)
    {
        SimulatorAdmin.Map(app, this);
        app.MapPost("/_sim/hubspot/seed", (RequestDelegate)(async context =>
        {
            if (await SimulatorAdmin.ReadObjectAsync(context) is not { } body)
            {
                return;
            }

            try
            {
                var seed = body.Deserialize<HubSpotSeed>(SeedJson) ?? new HubSpotSeed();
                var state = Common(Seed(seed));
                await SimulatorAdmin.WriteAsync(context, JsonSerializer.SerializeToNode(state, SeedJson)!);
            }
            catch (Exception e) when (e is ArgumentException or JsonException)
            {
                await SimulatorAdmin.WriteAsync(context, new JsonObject { ["error"] = e.Message }, StatusCodes.Status400BadRequest);
            }
        }));
    }

    /// <summary>
    /// The common faults, and requests other apps made just now against the rolling 10-second
    /// window (<paramref name="spentTenSeconds"/>), which do not count against the day.
    /// </summary>
    private void SetFaults(CommonFaults faults, int? spentTenSeconds)
    {
        _faults.Set(faults);
        if (faults.ExpireTokens == true)
        {
            ExpireOAuthTokens();
        }
        var now = _time.GetUtcNow();
        if (faults.SpentToday is > 0 and var spent)
        {
            _limiter.AddSpent(spent, now);
        }

        lock (_lock)
        {
            var admitted = 0;
            for (var i = 0; i < (spentTenSeconds ?? 0) && _limiter.Admit(now) is null; i++)
            {
                _burst.Enqueue(now);
                admitted++;
            }

            // Admit counted them against the day too; these requests belong to the window alone.
            if (admitted > 0)
            {
                _limiter.AddSpent(-admitted, now);
            }
        }
    }

    SimulatorState ISimulatorAdmin.Seed(SimulatorSeed seed) => Common(Seed(new HubSpotSeed
    {
        Lists = seed.Lists,
        Records = [.. seed.Records.Select(r => new HubSpotSeedRecord
        {
            Id = r.Id,
            Email = r.Email ?? (r.Fields.TryGetValue("email", out var email) ? email : null) ?? throw new ArgumentException("a HubSpot contact to seed needs an email"),
            Fields = r.Fields,
            Lists = r.Lists,
        })],
    }));

    SimulatorState ISimulatorAdmin.State() => Common(GetState());

    SimulatorCounts ISimulatorAdmin.Counts() => _counter.Snapshot();

    void ISimulatorAdmin.SetFaults(CommonFaults faults, JsonObject body) => SetFaults(faults, body["spentTenSeconds"]?.GetValue<int>());

    private static SimulatorState Common(HubSpotState state) => new(
        [.. state.Records.Select(r => new SimulatorRecord(r.Id, r.Email, r.Fields, r.Lists))],
        [.. state.Lists.Select(l => new SimulatorList(l.Id, l.Name))]);
}
