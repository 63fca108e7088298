namespace Highwater.Simulators.Pardot;

/// <summary>
/// Requests the simulator received, by kind: <c>lookup</c> (read by e-mail), <c>read</c> (by id),
/// <c>upsert</c> (batchUpsert), <c>delete</c>, <c>query</c>, <c>import</c> (every Import API
/// request) for data; <c>auth</c>, <c>lists</c>, <c>listMembers</c> and <c>other</c> for the rest.
/// </summary>
/// <param name="ByKind">Requests by kind, each counted once however it was answered.</param>
/// <param name="RateLimitRejections">Requests answered code 66 or 122.</param>
/// <param name="RecordRejections">Prospects refused in a batch call or an import.</param>
/// <param name="Total">All requests.</param>
public sealed record PardotCallCounts(IReadOnlyDictionary<string, long> ByKind, long RateLimitRejections, long RecordRejections, long Total)
{
    /// <summary>Requests of one kind (0 when none).</summary>
    public long Of(string kind) => ByKind.TryGetValue(kind, out var n) ? n : 0;
}
