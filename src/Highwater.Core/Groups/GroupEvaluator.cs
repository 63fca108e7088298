using System.Collections.Frozen;

namespace Highwater.Core.Groups;

/// <summary>Computes a profile's groups from its properties. Thread-safe.</summary>
public sealed class GroupEvaluator
{
    private static readonly IReadOnlySet<string> NoGroups = FrozenSet<string>.Empty;

    private readonly GroupDefinition[] _groups;
    private readonly TimeProvider _time;

    /// <summary>Builds an evaluator.</summary>
    /// <exception cref="ArgumentException">A definition has neither or both of a rule and a property.</exception>
    public GroupEvaluator(IEnumerable<GroupDefinition> groups, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(time);
        _groups = [.. groups];
        var problems = _groups
            .Where(g => (g.Rule is null) == (g.FromProperty is null))
            .Select(g => $"groups.{g.Name}: give either a rule or a property to take group names from")
            .ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(groups));
        }

        _time = time;
        Properties = _groups.SelectMany(g => g.Rule?.Properties() ?? [g.FromProperty!]).ToHashSet(StringComparer.Ordinal);
        DependsOnTime = _groups.Any(g => g.Rule?.DependsOnTime == true);
    }

    /// <summary>Every property some group reads.</summary>
    public IReadOnlySet<string> Properties { get; }

    /// <summary>
    /// Whether some group has a relative-date rule, so memberships can change as time passes with no
    /// source change: such groups need re-evaluating on a schedule, not only when a row changes.
    /// </summary>
    public bool DependsOnTime { get; }

    /// <summary>The groups a profile with these properties belongs to now.</summary>
    public IReadOnlySet<string> Evaluate(IReadOnlyDictionary<string, string?> properties) => Evaluate(properties, _time.GetUtcNow());

    /// <summary>The groups a profile with these properties belongs to at <paramref name="now"/>.</summary>
    public IReadOnlySet<string> Evaluate(IReadOnlyDictionary<string, string?> properties, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(properties);

        // Most profiles belong to few groups or none: the set is made at the first one.
        HashSet<string>? result = null;
        foreach (var group in _groups)
        {
            if (group.Rule is { } rule)
            {
                if (rule.Matches(properties, now))
                {
                    (result ??= new HashSet<string>(StringComparer.Ordinal)).Add(group.Name);
                }
            }
            else if (properties.GetValueOrDefault(group.FromProperty!) is { } names)
            {
                foreach (var name in names.Split(group.Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    (result ??= new HashSet<string>(StringComparer.Ordinal)).Add(group.Name + name);
                }
            }
        }

        return result ?? (IReadOnlySet<string>)NoGroups;
    }
}
