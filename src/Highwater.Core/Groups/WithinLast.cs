namespace Highwater.Core.Groups;

/// <summary>
/// The property is an instant within the last <paramref name="Period"/> (not in the future).
/// Membership changes with time alone, so such groups are re-evaluated on a schedule, not only
/// when a row changes.
/// </summary>
/// <param name="Property">The property (a timestamp).</param>
/// <param name="Period">How far back.</param>
public sealed record WithinLast(string Property, TimeSpan Period) : GroupRule
{
    /// <inheritdoc/>
    public override bool Matches(IReadOnlyDictionary<string, string?> properties, DateTimeOffset now) =>
        properties.GetValueOrDefault(Property) is { } text &&
        Values.TryInstant(text, out var at) &&
        at <= now && at >= now - Period;

    /// <inheritdoc/>
    public override IEnumerable<string> Properties() => [Property];

    /// <inheritdoc/>
    public override bool DependsOnTime => true;
}
