namespace Highwater.Simulators.Hosting;

/// <summary>The body of <c>POST /_sim/seed</c>: lists to exist, and records.</summary>
/// <param name="Lists">List names, made when missing.</param>
/// <param name="Records">Records to add.</param>
internal sealed record SimulatorSeed(IReadOnlyList<string> Lists, IReadOnlyList<SimulatorSeedRecord> Records);
