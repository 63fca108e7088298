using Highwater.Core.Connectors;

namespace Highwater.Benchmarks.Scenarios;

/// <summary>What the runner needs of one service: its simulator and its connector.</summary>
internal interface IScenarioService
{
    /// <summary>The service's name in scenario files.</summary>
    string Name { get; }

    /// <summary>The daily quota its simulator (started through its simulator module) enforces in a scenario; null for the simulator's default.</summary>
    long? SimulatorDailyQuota => null;

    /// <summary>
    /// A connector against <paramref name="baseAddress"/>. Credentials come from the simulator's
    /// defaults, or from environment variables (named in bench/README.md) when set.
    /// </summary>
    IServiceConnector CreateConnector(Uri baseAddress, ICallGate gate, TimeProvider timeProvider);
}
