namespace Highwater.Simulators.Eloqua;

/// <summary>
/// Requests the simulator answered, by kind: <c>lookup</c>, <c>update</c>, <c>delete</c>,
/// <c>listUpdate</c>, <c>membership</c> (REST); <c>definition</c>, <c>upload</c>, <c>sync</c>,
/// <c>poll</c>, <c>logs</c>, <c>rejects</c> (Bulk); <c>lists</c>, <c>fields</c>, <c>id</c> (metadata).
/// </summary>
/// <param name="ByKind">Requests by kind (those refused for a limit are not in it).</param>
/// <param name="RateLimitRejections">Requests answered 429.</param>
/// <param name="RecordRejections">Rows a sync rejected.</param>
/// <param name="Total">All requests in <paramref name="ByKind"/>.</param>
public sealed record EloquaCounts(IReadOnlyDictionary<string, long> ByKind, long RateLimitRejections, long RecordRejections, long Total)
{
    /// <summary>Requests of one kind (0 when none).</summary>
    public long Of(string kind) => ByKind.TryGetValue(kind, out var n) ? n : 0;
}
