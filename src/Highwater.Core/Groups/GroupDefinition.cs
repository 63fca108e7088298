namespace Highwater.Core.Groups;

/// <summary>
/// A named segment: either the profiles meeting <see cref="Rule"/>, or, with
/// <see cref="FromProperty"/>, one group per value listed in that property (a source column
/// such as <c>segments = "vip;beta"</c> makes the groups "vip" and "beta").
/// </summary>
public sealed record GroupDefinition
{
    /// <summary>The group's name; for <see cref="FromProperty"/> groups, a prefix (may be empty).</summary>
    public required string Name { get; init; }

    /// <summary>The rule; null for groups taken from a property.</summary>
    public GroupRule? Rule { get; init; }

    /// <summary>The property whose values are group names.</summary>
    public string? FromProperty { get; init; }

    /// <summary>Separator between the values of <see cref="FromProperty"/>.</summary>
    public char Separator { get; init; } = ';';
}
