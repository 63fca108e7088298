namespace Highwater.Core.Connectors;

/// <summary>
/// A connector that can read records whole: their remote id, foreign key, the mapped fields and
/// the memberships of the mapped lists. <c>reconcile</c> compares what it reads with the buffer.
/// Every request passes the connector's <see cref="ICallGate"/> as a metered metadata call
/// (<see cref="ReadTag"/>, <see cref="ReadListsTag"/>), so it is counted against the quota like
/// any other.
/// </summary>
public interface IRecordReader
{
    /// <summary>The tag of a request that reads records' fields.</summary>
    static CallTag ReadTag { get; } = CallTag.Metadata("read");

    /// <summary>The tag of a request that reads records' list memberships (where the record read does not answer them).</summary>
    static CallTag ReadListsTag { get; } = CallTag.Metadata("readLists");

    /// <summary>
    /// The requests <see cref="ReadRecordsAsync"/> makes (beyond authentication and list
    /// resolution) for a query of these sizes, when every id is read (an id found by a key costs
    /// nothing) and each key and id finds at most one record, none of them twice.
    /// </summary>
    int ReadCalls(int foreignKeys, int remoteIds, int lists);

    /// <summary>
    /// Every record found under one of the query's foreign keys or remote ids (each once), with the
    /// query's fields and, where the query names lists, which of them it is a member of. A key or id
    /// not found is simply absent.
    /// </summary>
    /// <exception cref="ServiceCallException">The service failed.</exception>
    Task<IReadOnlyList<RemoteRecord>> ReadRecordsAsync(RecordQuery query, CancellationToken cancellationToken);
}
