using Highwater.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Highwater.Simulators.Salesforce;

public sealed partial class SalesforceSimulator
{
    /// <summary>The <c>/_sim/</c> endpoints every simulator shares: seed, state, counts, faults, reset.</summary>
    private void MapAdmin(WebApplication app) =>
        SimulatorAdmin.Map<SalesforceSeed, SalesforceFaults>(app, Seed, GetState, GetCounts, InjectFaults, Reset);
}
