namespace Highwater.Storage.Destinations;

/// <summary>Per destination: which mapped lists were adopted, and the last export pass.</summary>
public interface IDestinationStateStore
{
    /// <summary>The destination's state, or null when nothing was recorded for it.</summary>
    Task<DestinationState?> GetAsync(string destination, CancellationToken cancellationToken);

    /// <summary>Every destination's state, by name.</summary>
    Task<IReadOnlyList<DestinationState>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="lists"/> were adopted now (replacing what was recorded).</summary>
    Task SetAdoptedAsync(string destination, string lists, CancellationToken cancellationToken);

    /// <summary>Records the summary of an export pass that ended now.</summary>
    Task SetLastRunAsync(string destination, string summary, CancellationToken cancellationToken);
}
