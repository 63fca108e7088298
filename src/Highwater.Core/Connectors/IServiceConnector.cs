using Highwater.Core.Capabilities;
using Highwater.Core.Planning;

namespace Highwater.Core.Connectors;

/// <summary>
/// The client of one service account: it turns the planner's calls into the service's requests and
/// the service's answers into per-record outcomes and rate signals. Every request it makes passes
/// its <see cref="ICallGate"/> first. A connector handles its own authentication (a token that
/// expires mid-batch is refreshed and the request resent once) and its own list-name resolution.
/// </summary>
/// <remarks>
/// A call that fails as a whole throws <see cref="ServiceCallException"/>: the executor decides
/// whether and when to retry. A record the service rejects is an outcome, not an exception.
/// </remarks>
public interface IServiceConnector
{
    /// <summary>What the service's API can do per call, as configured for this account.</summary>
    ServiceCapabilities Capabilities { get; }

    /// <summary>
    /// Resolves remote list names to the service's list ids, creating the missing ones when
    /// <paramref name="createMissing"/> is set (a new list starts empty). Results are cached;
    /// these are metadata calls.
    /// </summary>
    /// <exception cref="ServiceCallException">A list is missing and may not be created, or the service failed.</exception>
    Task<IReadOnlyDictionary<string, string>> EnsureListsAsync(IReadOnlyCollection<string> names, bool createMissing, CancellationToken cancellationToken);

    /// <summary>
    /// Finds records by foreign key: one planned lookup call. A key not found is simply absent from
    /// the answer; a key found several times answers several matches.
    /// </summary>
    Task<IReadOnlyList<RemoteMatch>> LookupAsync(PlannedCall call, CancellationToken cancellationToken);

    /// <summary>
    /// Runs one planned write or membership call. Every record's <see cref="PlannedRecord.RemoteId"/>
    /// is filled in where the call addresses records by id. Answers one outcome per record, in the
    /// call's order.
    /// </summary>
    Task<CallResult> ExecuteAsync(PlannedCall call, CancellationToken cancellationToken);
}
