namespace Highwater.Simulators.Modules;

/// <summary>What a simulator holds, as <c>GET /_sim/state</c> answers it.</summary>
/// <param name="Records">Every record (Pardot: not those in the recycle bin).</param>
/// <param name="Lists">Every list.</param>
public sealed record SimulatorState(IReadOnlyList<SimulatorRecord> Records, IReadOnlyList<SimulatorList> Lists);
