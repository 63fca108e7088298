namespace Highwater.Simulators.Salesforce;

/// <summary>
/// Requests the simulator answered, by kind: <c>lookup</c>, <c>delete</c>, <c>update</c>, <c>create</c>,
/// <c>listAdd</c>, <c>listRemove</c> for data; <c>auth</c> and <c>lists</c> for metadata.
/// </summary>
/// <param name="ByKind">Requests by kind (those refused for the limit are not in it).</param>
/// <param name="RateLimitRejections">Requests refused with REQUEST_LIMIT_EXCEEDED.</param>
/// <param name="RecordRejections">Records answered <c>success: false</c>.</param>
/// <param name="Total">All requests in <paramref name="ByKind"/>.</param>
public sealed record SalesforceCounts(IReadOnlyDictionary<string, long> ByKind, long RateLimitRejections, long RecordRejections, long Total);
