namespace Highwater.Core.Groups;

/// <summary>A condition over a profile's properties; a group holds the profiles that meet its rule.</summary>
public abstract record GroupRule
{
    /// <summary>Whether the properties meet the rule at <paramref name="now"/>.</summary>
    public abstract bool Matches(IReadOnlyDictionary<string, string?> properties, DateTimeOffset now);

    /// <summary>The properties the rule reads.</summary>
    public abstract IEnumerable<string> Properties();

    /// <summary>Whether the rule can change its answer with time alone, the properties unchanged (a relative date).</summary>
    public virtual bool DependsOnTime => false;
}
