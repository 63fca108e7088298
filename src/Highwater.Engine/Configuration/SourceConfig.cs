using Highwater.Sources.Reading;

namespace Highwater.Engine.Configuration;

/// <summary>One source as configured: what to read, and how often.</summary>
/// <param name="Definition">What the reader reads (its connection resolved when the engine starts).</param>
/// <param name="Connection">The connection, possibly a secret reference.</param>
/// <param name="PollInterval">How often it is polled.</param>
public sealed record SourceConfig(SourceDefinition Definition, SecretValue Connection, TimeSpan PollInterval);
