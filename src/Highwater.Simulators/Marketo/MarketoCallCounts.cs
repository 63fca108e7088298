namespace Highwater.Simulators.Marketo;

/// <summary>
/// Requests the simulator received, by kind: <c>lookup</c>, <c>create</c>, <c>update</c>,
/// <c>upsert</c>, <c>delete</c>, <c>listAdd</c>, <c>listRemove</c> for data; <c>auth</c>,
/// <c>lists</c> (static-list lookups and creation) and <c>other</c> for the rest.
/// </summary>
/// <param name="ByKind">Requests by kind, each counted once however it was answered.</param>
/// <param name="RateLimitRejections">Requests answered 606, 607 or 615.</param>
/// <param name="RecordRejections">Records answered <c>skipped</c> for a reason other than a harmless one (1015 on removal).</param>
/// <param name="Total">All requests.</param>
public sealed record MarketoCallCounts(IReadOnlyDictionary<string, long> ByKind, long RateLimitRejections, long RecordRejections, long Total)
{
    /// <summary>Requests of one kind (0 when none).</summary>
    public long Of(string kind) => ByKind.TryGetValue(kind, out var n) ? n : 0;
}
