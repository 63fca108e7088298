namespace Highwater.Storage.RemoteState;

/// <summary>A remote id a create answered for a profile, with the foreign key it was created under.</summary>
/// <param name="ProfileKey">The profile.</param>
/// <param name="RemoteId">The service's id.</param>
/// <param name="ForeignKey">The foreign key.</param>
public readonly record struct RemoteIdAssignment(string ProfileKey, string RemoteId, string ForeignKey);
