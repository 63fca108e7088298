namespace Highwater.Simulators.Modules;

/// <summary>One list a simulator holds: its id and name.</summary>
public sealed record SimulatorList(string Id, string Name);
