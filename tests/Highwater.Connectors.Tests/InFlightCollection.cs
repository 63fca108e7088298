namespace Highwater.Connectors.Tests;

/// <summary>Tests that hold requests in flight on a simulator and count them: run alone, so a busy thread pool cannot delay the request they expect refused.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InFlightCollection
{
    public const string Name = "requests held in flight";
}
