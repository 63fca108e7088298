namespace Highwater.Simulators.Pardot;

/// <summary>The simulator's prospects (not those in the recycle bin) and lists.</summary>
/// <param name="Records">The prospects, by id.</param>
/// <param name="Lists">The lists, by id.</param>
public sealed record PardotSimulatorState(IReadOnlyList<PardotSimRecord> Records, IReadOnlyList<PardotSimList> Lists);
