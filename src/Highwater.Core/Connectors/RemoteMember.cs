namespace Highwater.Core.Connectors;

/// <summary>One member of a remote list.</summary>
/// <param name="RemoteId">The record's remote id.</param>
/// <param name="ForeignKey">Its foreign key (e-mail), when the service answered one.</param>
public sealed record RemoteMember(string RemoteId, string? ForeignKey);
