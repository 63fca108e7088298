namespace Highwater.Storage.RemoteState;

/// <summary>Per (destination, profile): remote id and the last-exported fields and lists.</summary>
public interface IRemoteStateStore
{
    /// <summary>The states of these profiles that exist.</summary>
    Task<IReadOnlyDictionary<string, RemoteRecordState>> GetAsync(string destination, IReadOnlyCollection<string> profileKeys, CancellationToken cancellationToken);

    /// <summary>
    /// The states of the profiles whose records carry these remote ids: who owns each record.
    /// </summary>
    Task<IReadOnlyList<RemoteRecordState>> FindByRemoteIdsAsync(string destination, IReadOnlyCollection<string> remoteIds, CancellationToken cancellationToken);

    /// <summary>
    /// The states of the profiles exported under these foreign keys, compared without case (as
    /// <c>lower()</c> folds them): who holds each key. The caller compares exactly.
    /// </summary>
    Task<IReadOnlyList<RemoteRecordState>> FindByForeignKeysAsync(string destination, IReadOnlyCollection<string> foreignKeys, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces states.</summary>
    Task UpsertAsync(IReadOnlyCollection<RemoteRecordState> states, CancellationToken cancellationToken);

    /// <summary>Records a remote id at once (a create answered), keeping any fields already recorded.</summary>
    Task SetRemoteIdAsync(string destination, string profileKey, string remoteId, string foreignKey, CancellationToken cancellationToken);

    /// <summary>Records several remote ids at once (one call's creates answered), in one transaction, keeping any fields already recorded.</summary>
    Task SetRemoteIdsAsync(string destination, IReadOnlyCollection<RemoteIdAssignment> ids, CancellationToken cancellationToken);

    /// <summary>Forgets profiles deleted remotely.</summary>
    Task DeleteAsync(string destination, IReadOnlyCollection<string> profileKeys, CancellationToken cancellationToken);
}
