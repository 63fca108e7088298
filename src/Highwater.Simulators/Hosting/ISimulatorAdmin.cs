using System.Text.Json.Nodes;
using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Hosting;

/// <summary>
/// A simulator's side of the <c>/_sim/</c> admin endpoints, which <see cref="SimulatorAdmin.Map"/>
/// maps alike for every simulator (bodies parsed, answers written, bad bodies answered 400): a
/// simulator says only how its service seeds, shows, counts, faults and resets.
/// </summary>
internal interface ISimulatorAdmin
{
    /// <summary>Adds lists and records; answers the seeded records (id and e-mail) and every list.</summary>
    /// <exception cref="ArgumentException">A record the service refuses (a field it lacks, an id not its own); answered 400 with the message.</exception>
    SimulatorState Seed(SimulatorSeed seed);

    /// <summary>Every record with its non-empty fields and its lists' names, and every list.</summary>
    SimulatorState State();

    /// <summary>The requests answered so far, usually a <see cref="CallCounter"/>'s snapshot.</summary>
    SimulatorCounts Counts();

    /// <summary>Sets the common faults (usually through a <see cref="FaultInjector"/>) and any of the service's own in <paramref name="body"/>.</summary>
    /// <exception cref="InvalidOperationException">A field of the wrong type; answered 400.</exception>
    void SetFaults(CommonFaults faults, JsonObject body);

    /// <summary>Forgets every record, list, count and fault.</summary>
    void Reset();
}
