using Highwater.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Highwater.Simulators.Eloqua;

public sealed partial class EloquaSimulator
{
    /// <summary>The <c>/_sim/</c> endpoints every simulator shares: seed, state, counts, faults, reset.</summary>
    private void MapAdmin(WebApplication app) =>
        SimulatorAdmin.Map<EloquaSeed, EloquaFaults>(app, Seed, GetState, GetCounts, SetFaults, Reset);
}
