namespace Highwater.Engine.Configuration;

/// <summary>A configuration read from a file: the config when it is sound, and every problem found.</summary>
/// <param name="Config">The configuration, or null when any problem was found.</param>
/// <param name="Problems">Every problem, in file order.</param>
public sealed record ConfigLoadResult(HighwaterConfig? Config, IReadOnlyList<ConfigProblem> Problems)
{
    /// <summary>What is allowed but likely not meant (a mark-mode source that cannot see hard deletes), in file order.</summary>
    public IReadOnlyList<ConfigProblem> Warnings { get; init; } = [];
}
