namespace Highwater.Simulators.Marketo;

/// <summary>What to put into the simulator before a run.</summary>
/// <param name="Lists">Static lists to create (by name) if missing.</param>
/// <param name="Records">Leads to add; one with an id keeps it (replacing a lead with that id).</param>
public sealed record MarketoSeed(IReadOnlyList<string>? Lists, IReadOnlyList<MarketoSimRecord>? Records);
