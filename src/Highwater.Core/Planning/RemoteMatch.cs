namespace Highwater.Core.Planning;

/// <summary>One record a lookup found.</summary>
/// <param name="ForeignKey">The foreign key it was found by.</param>
/// <param name="RemoteId">Its remote id.</param>
/// <param name="Lists">The remote lists it is in, where the lookup answers memberships; otherwise null.</param>
public sealed record RemoteMatch(string ForeignKey, string RemoteId, IReadOnlySet<string>? Lists = null);
