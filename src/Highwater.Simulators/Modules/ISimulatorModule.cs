namespace Highwater.Simulators.Modules;

/// <summary>
/// One service's simulator as the CLI and the harnesses start it: <c>highwater simulate</c>,
/// <c>demo</c>, the scenario runner and the history simulator look simulators up in
/// <see cref="SimulatorModules"/> and never switch on a service's name.
/// </summary>
public interface ISimulatorModule
{
    /// <summary>The service's kind name, as a destination's <c>kind</c> writes it: <c>marketo</c>.</summary>
    string Service { get; }

    /// <summary>What a harness needs to drive the service through this simulator.</summary>
    SimulatorHarness Harness { get; }

    /// <summary>Starts the simulator on 127.0.0.1 with the service's real limits, changed only as <paramref name="start"/> says.</summary>
    Task<RunningSimulator> StartAsync(SimulatorStart start, CancellationToken cancellationToken);
}
