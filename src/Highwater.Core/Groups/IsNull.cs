namespace Highwater.Core.Groups;

/// <summary>The property is null (absent counts as null), or with <paramref name="Negated"/> is not.</summary>
/// <param name="Property">The property.</param>
/// <param name="Negated">Ask for "is not null".</param>
public sealed record IsNull(string Property, bool Negated = false) : GroupRule
{
    /// <inheritdoc/>
    public override bool Matches(IReadOnlyDictionary<string, string?> properties, DateTimeOffset now) =>
        properties.GetValueOrDefault(Property) is null != Negated;

    /// <inheritdoc/>
    public override IEnumerable<string> Properties() => [Property];
}
