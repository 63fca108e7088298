using System.Text.Json.Nodes;
using Highwater.Simulators.Hosting;
using Highwater.Simulators.Modules;
using Microsoft.AspNetCore.Builder;

namespace Highwater.Simulators.Eloqua;

public sealed partial class EloquaSimulator : ISimulatorAdmin
{
    /// <summary>The <c>/_sim/</c> endpoints every simulator shares: seed, state, counts, faults (and Eloqua's <c>syncPolls</c>, <c>failSyncs</c>), reset.</summary>
    private void MapAdmin(WebApplication app) => SimulatorAdmin.Map(app, this);

    SimulatorState ISimulatorAdmin.Seed(SimulatorSeed seed) => Common(Seed(new EloquaSeed
    {
        Lists = seed.Lists,
        Records = [.. seed.Records.Select(r => new EloquaSeedRecord
        {
            Id = r.Id,
            Email = r.Email ?? throw new ArgumentException("an Eloqua seed record needs its email", nameof(seed)),
            Fields = r.Fields,
            Lists = r.Lists,
        })],
    }));

    SimulatorState ISimulatorAdmin.State() => Common(GetState());

    SimulatorCounts ISimulatorAdmin.Counts()
    {
        var counts = GetCounts();
        return new SimulatorCounts(counts.ByKind, counts.RateLimitRejections, counts.RecordRejections, counts.Total);
    }

    void ISimulatorAdmin.SetFaults(CommonFaults faults, JsonObject body) => SetFaults(new EloquaFaults
    {
        ServerErrorRate = faults.ServerErrorRate,
        SlowMillis = faults.SlowMillis,
        DropRate = faults.DropRate,
        ExpireTokens = faults.ExpireTokens,
        RefuseCredentials = faults.RefuseCredentials,
        SpentToday = faults.SpentToday,
        SyncPolls = body["syncPolls"]?.GetValue<int>(),
        FailSyncs = body["failSyncs"]?.GetValue<int>(),
    });

    private static SimulatorState Common(EloquaState state) => new(
        [.. state.Records.Select(r => new SimulatorRecord(r.Id, r.Email, r.Fields, r.Lists))],
        [.. state.Lists.Select(l => new SimulatorList(l.Id, l.Name))]);
}
