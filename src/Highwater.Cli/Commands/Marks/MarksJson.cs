namespace Highwater.Cli.Commands.Marks;

/// <summary>What <c>marks --json</c> and <c>marks reset --json</c> print.</summary>
/// <param name="Config">The configuration file.</param>
/// <param name="Sources">Each source, in configuration order (after a reset: the one moved).</param>
/// <param name="MovedFrom">For a reset: the mark before it (null: there was none).</param>
internal sealed record MarksJson(string Config, IReadOnlyList<MarksJsonSource> Sources, string? MovedFrom = null);
