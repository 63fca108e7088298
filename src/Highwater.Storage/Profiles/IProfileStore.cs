namespace Highwater.Storage.Profiles;

/// <summary>Merged profiles.</summary>
public interface IProfileStore
{
    /// <summary>The stored profiles among these keys (absent keys are simply missing).</summary>
    Task<IReadOnlyDictionary<string, StoredProfile>> GetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> profiles in key order (the database's), after
    /// <paramref name="afterKey"/> or from the first: a keyset page, for walking every profile.
    /// </summary>
    Task<IReadOnlyList<StoredProfile>> ListAsync(string? afterKey, int limit, CancellationToken cancellationToken);

    /// <summary>Number of profiles.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Values of <paramref name="property"/> (a foreign key, say <c>email</c>) that two or more live
    /// profiles share, compared without case: the duplicates a destination matching by it cannot
    /// tell apart. Reads every live profile.
    /// </summary>
    Task<IReadOnlyList<SharedKey>> SharedKeysAsync(string property, int limit, CancellationToken cancellationToken);
}
