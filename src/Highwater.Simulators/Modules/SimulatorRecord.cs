namespace Highwater.Simulators.Modules;

/// <summary>One record a simulator holds.</summary>
/// <param name="Id">The service's id.</param>
/// <param name="Email">Its e-mail address.</param>
/// <param name="Fields">Its non-empty fields by the service's names, as text.</param>
/// <param name="Lists">The names of the lists it is in.</param>
public sealed record SimulatorRecord(string Id, string? Email, IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<string> Lists);
