using Highwater.Connectors;
using Highwater.Simulators;

namespace Highwater.Benchmarks.Scenarios;

/// <summary>The services the runner can drive, by name: every service with a connector module and a simulator module.</summary>
internal static class ScenarioServices
{
    public static ScenarioService Get(string name) =>
        ServiceModules.TryGet(name, out var connector) && SimulatorModules.TryGet(name, out var simulator)
            ? new ScenarioService(connector, simulator)
            : throw new InvalidDataException($"service '{name}' is not supported by the scenario runner; supported: {string.Join(", ", Names.Order(StringComparer.Ordinal))}");

    /// <summary>Every service both lists hold.</summary>
    public static IReadOnlyList<string> Names => [.. SimulatorModules.Services.Where(s => ServiceModules.TryGet(s, out _))];
}
