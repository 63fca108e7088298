namespace Highwater.Simulators.Modules;

/// <summary>A started simulator: where it listens, the credentials it takes, and the handle that stops it.</summary>
/// <param name="simulator">The simulator, stopped when this is disposed.</param>
/// <param name="baseAddress">Its base URL, a destination's <c>baseUrl</c>.</param>
/// <param name="credentials">The credentials it accepts, by the connector's credential keys (<c>clientId</c>).</param>
/// <param name="description">The credentials in a sentence for a person: <c>client id sim-client, client secret ...</c>.</param>
/// <param name="settings">The destination settings, beyond <c>baseUrl</c>, a connector needs to work against it, as a file writes them; none when null.</param>
public sealed class RunningSimulator(IAsyncDisposable simulator, Uri baseAddress, IReadOnlyDictionary<string, string> credentials, string description, IReadOnlyDictionary<string, string>? settings = null) : IAsyncDisposable
{
    /// <summary>The simulator itself, for its service's own state and counts.</summary>
    public IAsyncDisposable Simulator { get; } = simulator;

    /// <summary>Its base URL, a destination's <c>baseUrl</c>.</summary>
    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>The credentials it accepts, by the connector's credential keys (<c>clientId</c>).</summary>
    public IReadOnlyDictionary<string, string> Credentials { get; } = credentials;

    /// <summary>The credentials in a sentence for a person.</summary>
    public string Description { get; } = description;

    /// <summary>
    /// The destination settings, beyond <c>baseUrl</c>, a connector needs to work against this
    /// simulator, as a configuration file writes them (Pardot's <c>loginUrl</c>: its login is here too).
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; } = settings ?? new Dictionary<string, string>();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Simulator.DisposeAsync();
}
