namespace Highwater.Simulators.HubSpot;

/// <summary>
/// Requests the simulator answered, by kind: <c>lookup</c> (batch/read), <c>upsert</c>, <c>create</c>,
/// <c>update</c>, <c>delete</c> (batch/archive), <c>listUpdate</c> (add-and-remove), <c>search</c>;
/// <c>lists</c>, <c>listMembers</c>, <c>fields</c> (metadata).
/// </summary>
/// <param name="ByKind">Requests by kind (those refused for a limit are not in it).</param>
/// <param name="RateLimitRejections">Requests answered 429.</param>
/// <param name="RecordRejections">Inputs refused with an error of their own.</param>
/// <param name="Total">All requests in <paramref name="ByKind"/>.</param>
public sealed record HubSpotCounts(IReadOnlyDictionary<string, long> ByKind, long RateLimitRejections, long RecordRejections, long Total)
{
    /// <summary>Requests of one kind (0 when none).</summary>
    public long Of(string kind) => ByKind.TryGetValue(kind, out var n) ? n : 0;
}
