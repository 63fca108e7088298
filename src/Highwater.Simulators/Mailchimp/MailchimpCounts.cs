namespace Highwater.Simulators.Mailchimp;

/// <summary>
/// Requests the simulator answered, by kind: <c>upsert</c> (batch subscribe), <c>update</c> (PATCH or
/// PUT of a member), <c>delete</c> (archive or delete-permanent), <c>tags</c> (a member's tags),
/// <c>segment</c> (a static segment's members), <c>batch</c> (a Batch Operation submitted),
/// <c>batchStatus</c>, <c>batchResults</c>, <c>member</c> (GET of a member), <c>lists</c>,
/// <c>listMembers</c>, <c>fields</c>; operations run inside Batch Operations count under their own kind too.
/// </summary>
/// <param name="ByKind">Requests by kind (those refused for the connection limit are not in it).</param>
/// <param name="RateLimitRejections">Requests answered 429.</param>
/// <param name="RecordRejections">Members refused with an error of their own.</param>
/// <param name="MostConnections">The most API requests in progress at once.</param>
/// <param name="Total">All requests in <paramref name="ByKind"/>.</param>
public sealed record MailchimpCounts(IReadOnlyDictionary<string, long> ByKind, long RateLimitRejections, long RecordRejections, int MostConnections, long Total)
{
    /// <summary>Requests of one kind (0 when none).</summary>
    public long Of(string kind) => ByKind.TryGetValue(kind, out var n) ? n : 0;
}
