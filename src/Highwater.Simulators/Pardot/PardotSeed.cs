namespace Highwater.Simulators.Pardot;

/// <summary>What to put into the simulator before a run.</summary>
/// <param name="Lists">Lists to create (by name) if missing.</param>
/// <param name="Records">Prospects to add; one with an id keeps it (replacing a prospect with that id).</param>
public sealed record PardotSeed(IReadOnlyList<string>? Lists, IReadOnlyList<PardotSimRecord>? Records);
