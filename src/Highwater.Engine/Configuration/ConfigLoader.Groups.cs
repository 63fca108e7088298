using Highwater.Core.Groups;
using YamlDotNet.RepresentationModel;

namespace Highwater.Engine.Configuration;

public static partial class ConfigLoader
{
    private static readonly Dictionary<string, ComparisonOperator> Operators = new(StringComparer.Ordinal)
    {
        ["="] = ComparisonOperator.Equal,
        ["!="] = ComparisonOperator.NotEqual,
        ["<"] = ComparisonOperator.Less,
        ["<="] = ComparisonOperator.LessOrEqual,
        [">"] = ComparisonOperator.Greater,
        [">="] = ComparisonOperator.GreaterOrEqual,
        ["contains"] = ComparisonOperator.Contains,
        ["startsWith"] = ComparisonOperator.StartsWith,
    };

    private static readonly string[] OtherOperators = ["in", "isNull", "notNull", "withinLast"];

    /// <summary>
    /// Groups: a rule (<c>rule: {property, op, value}</c>, or <c>all:</c>/<c>any:</c> lists of rules)
    /// or a property whose value names the groups (<c>property: segments</c>, split on <c>separator</c>).
    /// </summary>
    private static IReadOnlyDictionary<string, GroupDefinition> ReadGroups(YamlScope? scope, HashSet<string> properties)
    {
        if (scope is null)
        {
            return NoGroups;
        }

        var groups = new Dictionary<string, GroupDefinition>(StringComparer.Ordinal);
        foreach (var (name, node) in scope.Entries())
        {
            if (scope.Scope(name, node) is not { } group)
            {
                continue;
            }

            var ruleNode = group.Node("rule");
            var property = group.String("property");
            var separator = group.String("separator");
            group.Finish("rule", "property", "separator");
            if ((ruleNode is null) == (property is null))
            {
                group.Problem("give either rule or property");
                continue;
            }

            if (property is not null)
            {
                CheckProperty(group, "property", group.Node("property"), property, properties);
                if (separator is { Length: not 1 })
                {
                    group.Problem(group.Node("separator"), "separator", $"must be one character (was '{separator}')");
                    continue;
                }

                groups[name] = new GroupDefinition { Name = name, FromProperty = property, Separator = separator?[0] ?? ';' };
                continue;
            }

            if (Rule(group, "rule", ruleNode!, properties) is { } rule)
            {
                groups[name] = new GroupDefinition { Name = name, Rule = rule };
            }
        }

        return groups;
    }

    private static GroupRule? Rule(YamlScope parent, string key, YamlNode node, HashSet<string> properties)
    {
        if (parent.Scope(key, node) is not { } scope)
        {
            return null;
        }

        if (scope.Has("all") || scope.Has("any"))
        {
            var combinator = scope.Has("all") ? "all" : "any";
            var list = scope.Node(combinator);
            scope.Finish("all", "any");
            if (scope.Has("all") && scope.Has("any"))
            {
                scope.Problem("give all or any, not both (nest them to combine)");
                return null;
            }

            if (list is not YamlSequenceNode { Children.Count: > 0 } sequence)
            {
                scope.Problem(list, combinator, "must be a non-empty list of rules");
                return null;
            }

            var rules = new List<GroupRule>();
            var index = 0;
            foreach (var item in sequence)
            {
                if (Rule(scope, $"{combinator}[{index++}]", item, properties) is { } rule)
                {
                    rules.Add(rule);
                }
            }

            if (rules.Count != sequence.Children.Count)
            {
                return null;
            }

            return combinator == "all" ? new All(rules) : new Any(rules);
        }

        var property = scope.String("property", required: true);
        var op = scope.String("op", required: true);
        var valueNode = scope.Node("value");
        scope.Finish("property", "op", "value", "all", "any");
        if (property is null || op is null)
        {
            return null;
        }

        CheckProperty(scope, "property", scope.Node("property"), property, properties);
        if (Operators.TryGetValue(op, out var comparison))
        {
            if (valueNode is not YamlScalarNode { Value: { } value })
            {
                scope.Problem(valueNode, "value", $"'{op}' compares with one value");
                return null;
            }

            return new Comparison(property, comparison, value);
        }

        switch (op)
        {
            case "in":
                if (valueNode is not YamlSequenceNode choices || choices.Children.Any(c => c is not YamlScalarNode))
                {
                    scope.Problem(valueNode, "value", "'in' needs a list of values");
                    return null;
                }

                return new InList(property, [.. choices.Children.Cast<YamlScalarNode>().Select(c => c.Value ?? "")]);
            case "isNull" or "notNull":
                if (valueNode is not null)
                {
                    scope.Problem(valueNode, "value", $"'{op}' takes no value");
                }

                return new IsNull(property, Negated: op == "notNull");
            case "withinLast":
                var period = scope.Duration("value", TimeSpan.FromSeconds(1), TimeSpan.FromDays(3660));
                if (valueNode is null)
                {
                    scope.Problem(null, "value", "'withinLast' needs a period, like 30d");
                }

                return period is { } p ? new WithinLast(property, p) : null;
            default:
                scope.Problem(scope.Node("op"), "op", $"must be one of {string.Join(", ", Operators.Keys.Concat(OtherOperators))} (was {op})");
                return null;
        }
    }

    private static void CheckProperty(YamlScope scope, string key, YamlNode? node, string property, HashSet<string> properties)
    {
        if (properties.Count > 0 && !properties.Contains(property))
        {
            scope.Problem(node, key, $"no source has a column '{property}' (known: {string.Join(", ", properties.Order(StringComparer.Ordinal))})");
        }
    }
}
