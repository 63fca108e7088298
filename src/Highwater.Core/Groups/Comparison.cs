namespace Highwater.Core.Groups;

/// <summary>
/// Compares a property with a value. A null property meets no comparison (as in SQL), not even
/// <c>!=</c>; use <see cref="IsNull"/> to ask for it.
/// </summary>
/// <param name="Property">The property.</param>
/// <param name="Operator">How to compare.</param>
/// <param name="Value">The value compared with.</param>
public sealed record Comparison(string Property, ComparisonOperator Operator, string Value) : GroupRule
{
    /// <inheritdoc/>
    public override bool Matches(IReadOnlyDictionary<string, string?> properties, DateTimeOffset now)
    {
        if (properties.GetValueOrDefault(Property) is not { } actual)
        {
            return false;
        }

        return Operator switch
        {
            ComparisonOperator.Equal => Values.Compare(actual, Value) == 0,
            ComparisonOperator.NotEqual => Values.Compare(actual, Value) != 0,
            ComparisonOperator.Less => Values.Compare(actual, Value) < 0,
            ComparisonOperator.LessOrEqual => Values.Compare(actual, Value) <= 0,
            ComparisonOperator.Greater => Values.Compare(actual, Value) > 0,
            ComparisonOperator.GreaterOrEqual => Values.Compare(actual, Value) >= 0,
            ComparisonOperator.Contains => actual.Contains(Value, StringComparison.OrdinalIgnoreCase),
            ComparisonOperator.StartsWith => actual.StartsWith(Value, StringComparison.OrdinalIgnoreCase),
            _ => throw new InvalidOperationException($"unknown operator {Operator}"),
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<string> Properties() => [Property];
}
