namespace Highwater.Simulators.Hosting;

/// <summary>One record of a seed.</summary>
/// <param name="Id">Its id, kept (replacing any record with it); null for the next id.</param>
/// <param name="Email">Its e-mail.</param>
/// <param name="Fields">Fields by the service's own names; a number or other JSON value as its text.</param>
/// <param name="Lists">Names of the lists it is in, made when missing.</param>
internal sealed record SimulatorSeedRecord(string? Id, string? Email, IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<string> Lists);
