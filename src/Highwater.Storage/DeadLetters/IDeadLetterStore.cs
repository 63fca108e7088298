namespace Highwater.Storage.DeadLetters;

/// <summary>Records that kept failing.</summary>
public interface IDeadLetterStore
{
    /// <summary>Puts records aside (one per destination and profile: a newer failure replaces the older).</summary>
    Task AddAsync(IReadOnlyCollection<DeadLetter> letters, CancellationToken cancellationToken);

    /// <summary>The matching dead letters, oldest first.</summary>
    Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterFilter filter, int limit, CancellationToken cancellationToken);

    /// <summary>Moves the matching dead letters back to the outbox (live lane); returns how many.</summary>
    Task<int> RetryAsync(DeadLetterFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Drops the letters of profiles since exported, deleted or found to need nothing at
    /// <paramref name="destination"/>: their failure no longer stands. Returns how many.
    /// </summary>
    Task<int> ResolveAsync(string destination, IReadOnlyCollection<string> profileKeys, CancellationToken cancellationToken);

    /// <summary>Drops the matching dead letters; returns how many.</summary>
    Task<int> DiscardAsync(DeadLetterFilter filter, CancellationToken cancellationToken);
}
