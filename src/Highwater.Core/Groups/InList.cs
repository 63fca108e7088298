namespace Highwater.Core.Groups;

/// <summary>The property equals one of the values.</summary>
/// <param name="Property">The property.</param>
/// <param name="Choices">The values.</param>
public sealed record InList(string Property, IReadOnlyList<string> Choices) : GroupRule
{
    /// <inheritdoc/>
    public override bool Matches(IReadOnlyDictionary<string, string?> properties, DateTimeOffset now) =>
        properties.GetValueOrDefault(Property) is { } actual && Choices.Any(c => Values.Compare(actual, c) == 0);

    /// <inheritdoc/>
    public override IEnumerable<string> Properties() => [Property];
}
