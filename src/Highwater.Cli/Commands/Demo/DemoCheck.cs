using Highwater.Engine.Samples;
using Highwater.Simulators.Modules;

namespace Highwater.Cli.Commands.Demo;

/// <summary>
/// Compares the sample source with what the simulator holds (read through its <c>/_sim/state</c>):
/// every live user once, with its fields (by the service's names) and lists, and nobody else.
/// </summary>
internal static class DemoCheck
{
    public static async Task<IReadOnlyList<string>> DifferencesAsync(SampleDatabase app, SimulatorAdminClient simulator, SimulatorFields fields, CancellationToken cancellationToken)
    {
        var state = await simulator.StateAsync(cancellationToken);
        return await SampleProject.DifferencesAsync(app, Records(state), fields.FirstName, fields.Country, cancellationToken);
    }

    /// <summary>The simulator's records as sample records.</summary>
    public static IEnumerable<SampleRemoteRecord> Records(SimulatorState state) =>
        state.Records.Select(r => new SampleRemoteRecord(r.Id, r.Email, r.Fields, r.Lists));
}
