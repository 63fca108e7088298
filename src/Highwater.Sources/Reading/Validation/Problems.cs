namespace Highwater.Sources.Reading.Validation;

/// <summary>The problems found in one source's definition, each prefixed with the property's path.</summary>
internal sealed class Problems(string? sourceName)
{
    private readonly string _prefix = $"sources.{(string.IsNullOrWhiteSpace(sourceName) ? "?" : sourceName)}.";
    private readonly List<string> _all = [];

    public IReadOnlyList<string> All => _all;

    public void Add(string property, string problem) => _all.Add($"{_prefix}{property}: {problem}");
}
