namespace Highwater.Core.Groups;

/// <summary>At least one rule holds (false when there are none).</summary>
/// <param name="Rules">The rules.</param>
public sealed record Any(IReadOnlyList<GroupRule> Rules) : GroupRule
{
    /// <inheritdoc/>
    public override bool Matches(IReadOnlyDictionary<string, string?> properties, DateTimeOffset now) =>
        Rules.Any(r => r.Matches(properties, now));

    /// <inheritdoc/>
    public override IEnumerable<string> Properties() => Rules.SelectMany(r => r.Properties());

    /// <inheritdoc/>
    public override bool DependsOnTime => Rules.Any(r => r.DependsOnTime);
}
