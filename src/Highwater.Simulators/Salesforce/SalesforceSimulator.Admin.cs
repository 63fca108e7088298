using System.Text.Json.Nodes;
using Highwater.Simulators.Hosting;
using Highwater.Simulators.Modules;
using Microsoft.AspNetCore.Builder;

namespace Highwater.Simulators.Salesforce;

public sealed partial class SalesforceSimulator : ISimulatorAdmin
{
    /// <summary>The <c>/_sim/</c> endpoints every simulator shares: seed, state, counts, faults, reset.</summary>
    private void MapAdmin(WebApplication app) => SimulatorAdmin.Map(app, this);

    SimulatorState ISimulatorAdmin.Seed(SimulatorSeed seed)
    {
        var result = Seed(new SalesforceSeed
        {
            Lists = seed.Lists,
            Records = [.. seed.Records.Select(r => new SalesforceSeedRecord { Id = r.Id, Email = r.Email, Fields = r.Fields, Lists = r.Lists })],
        });
        return new SimulatorState(
            [.. result.Records.Select(r => new SimulatorRecord(r.Id, r.Email, new Dictionary<string, string?>(), []))],
            [.. result.Lists.Select(l => new SimulatorList(l.Id, l.Name))]);
    }

    SimulatorState ISimulatorAdmin.State()
    {
        var state = GetState();
        return new SimulatorState(
            [.. state.Records.Select(r => new SimulatorRecord(r.Id, r.Email, r.Fields, r.Lists))],
            [.. state.Lists.Select(l => new SimulatorList(l.Id, l.Name))]);
    }

    SimulatorCounts ISimulatorAdmin.Counts() => _counter.Snapshot();

    void ISimulatorAdmin.SetFaults(CommonFaults faults, JsonObject body) => InjectFaults(faults);
}
