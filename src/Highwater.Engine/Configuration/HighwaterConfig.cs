using Highwater.Core.Groups;

namespace Highwater.Engine.Configuration;

/// <summary>A whole <c>highwater.yaml</c>, checked: every reference resolves, every number is in range.</summary>
public sealed record HighwaterConfig
{
    /// <summary>The file it was read from.</summary>
    public required string Path { get; init; }

    /// <summary>Where the buffer lives.</summary>
    public required StoreConfig Store { get; init; }

    /// <summary>The sources, by name.</summary>
    public required IReadOnlyDictionary<string, SourceConfig> Sources { get; init; }

    /// <summary>The groups, by name.</summary>
    public required IReadOnlyDictionary<string, GroupDefinition> Groups { get; init; }

    /// <summary>The destinations, by name.</summary>
    public required IReadOnlyDictionary<string, DestinationConfig> Destinations { get; init; }
}
