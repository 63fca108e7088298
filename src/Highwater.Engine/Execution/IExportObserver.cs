namespace Highwater.Engine.Execution;

/// <summary>
/// Told of facts the moment they are known, before the batch ends, so that a crash mid-batch
/// cannot lose them: above all a remote id a create answered.
/// </summary>
public interface IExportObserver
{
    /// <summary>A create or upsert answered the remote id of a profile's record.</summary>
    ValueTask RemoteIdAssignedAsync(string profileKey, string remoteId, CancellationToken cancellationToken);

    /// <summary>One call answered the remote ids of several profiles (profile key → remote id); by default, one <see cref="RemoteIdAssignedAsync"/> each.</summary>
    async ValueTask RemoteIdsAssignedAsync(IReadOnlyList<KeyValuePair<string, string>> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var (profileKey, remoteId) in ids)
        {
            await RemoteIdAssignedAsync(profileKey, remoteId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Told, before any write goes, the records the lookup found that the batch is about to write
    /// or delete by id, for profiles that did not know them: stored at once, they say whose each
    /// record is even if the process dies before the writes answer.
    /// </summary>
    ValueTask RemoteIdsFoundAsync(IReadOnlyList<KeyValuePair<string, string>> ids, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Told, before any write goes, where the lookup found records whose ids their profiles know
    /// (profile key → the key the record carries), where that is not the key stored for them or a
    /// move of theirs was in doubt: the stored key follows the service, and the doubt is resolved.
    /// </summary>
    ValueTask RecordsLocatedAsync(IReadOnlyList<KeyValuePair<string, string>> located, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Told, just before a step's calls go, the profiles whose writes in it carry a changed foreign
    /// key (profile key → the new key): if the answer is lost, the record may carry either key,
    /// and the next export must look under both.
    /// </summary>
    ValueTask KeyMovesSendingAsync(IReadOnlyList<KeyValuePair<string, string>> moves, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
