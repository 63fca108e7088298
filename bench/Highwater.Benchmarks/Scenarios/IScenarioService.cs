using Highwater.Core.Connectors;

namespace Highwater.Benchmarks.Scenarios;

/// <summary>What the runner needs of one service: its simulator and its connector.</summary>
internal interface IScenarioService
{
    /// <summary>The service's name in scenario files.</summary>
    string Name { get; }

    /// <summary>Starts a fresh simulator on 127.0.0.1 and returns its base address and a handle that stops it.</summary>
    Task<(Uri BaseAddress, IAsyncDisposable Handle)> StartSimulatorAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A connector against <paramref name="baseAddress"/>. Credentials come from the simulator's
    /// defaults, or from environment variables (named in bench/README.md) when set.
    /// </summary>
    IServiceConnector CreateConnector(Uri baseAddress, ICallGate gate, TimeProvider timeProvider);
}
