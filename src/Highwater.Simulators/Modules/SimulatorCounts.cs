namespace Highwater.Simulators.Modules;

/// <summary>What a simulator was asked, as <c>GET /_sim/counts</c> answers it.</summary>
/// <param name="ByKind">Requests answered, by kind (<c>auth</c>, <c>upsert</c>, <c>listAdd</c>, ...); those refused for a limit are not here.</param>
/// <param name="RateLimitRejections">Requests refused for a rate or quota limit.</param>
/// <param name="RecordRejections">Records the service rejected one by one.</param>
/// <param name="Total">The total of <paramref name="ByKind"/>.</param>
public sealed record SimulatorCounts(IReadOnlyDictionary<string, long> ByKind, long RateLimitRejections, long RecordRejections, long Total);
