namespace Highwater.Engine.Samples;

/// <summary>A record as a destination holds it, for comparing with the sample source: its id, e-mail, fields and list names.</summary>
/// <param name="Id">The service's id.</param>
/// <param name="Email">The e-mail.</param>
/// <param name="Fields">Fields by the destination's names.</param>
/// <param name="Lists">The lists it is a member of, by name.</param>
public sealed record SampleRemoteRecord(string? Id, string? Email, IReadOnlyDictionary<string, string?>? Fields, IReadOnlyList<string>? Lists);
