namespace Highwater.Core.Connectors;

/// <summary>One record as the service holds it.</summary>
/// <param name="RemoteId">Its remote id.</param>
/// <param name="ForeignKey">Its foreign key (e-mail), null when it has none.</param>
/// <param name="Fields">The fields asked for, by the service's names; a field without a value is null.</param>
/// <param name="Lists">Which of the lists asked for it is a member of; null where the service could not say.</param>
public sealed record RemoteRecord(string RemoteId, string? ForeignKey, IReadOnlyDictionary<string, string?> Fields, IReadOnlySet<string>? Lists);
