namespace Highwater.Core.Connectors;

/// <summary>
/// A connector that can list a remote list's members, paged. The engine uses it once per mapped
/// list that exists already and holds members Highwater did not put there (adoption), so later
/// diffs are exact even on a service whose lookup answers no memberships (Marketo). These are
/// metadata calls, and <c>plan</c> shows their cost.
/// </summary>
public interface IListMemberReader
{
    /// <summary>Every member of the named list (resolve it with <see cref="IServiceConnector.EnsureListsAsync"/> first).</summary>
    Task<IReadOnlyList<RemoteMember>> ReadListMembersAsync(string list, CancellationToken cancellationToken);
}
