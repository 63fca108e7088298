namespace Highwater.Storage.Profiles;

/// <summary>Merged profiles.</summary>
public interface IProfileStore
{
    /// <summary>The stored profiles among these keys (absent keys are simply missing).</summary>
    Task<IReadOnlyDictionary<string, StoredProfile>> GetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>Number of profiles.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);
}
