namespace Highwater.Simulators.Marketo;

/// <summary>The simulator's leads and static lists.</summary>
/// <param name="Records">The leads, by id.</param>
/// <param name="Lists">The static lists, by id.</param>
public sealed record MarketoSimulatorState(IReadOnlyList<MarketoSimRecord> Records, IReadOnlyList<MarketoSimList> Lists);
