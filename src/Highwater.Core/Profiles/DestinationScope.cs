namespace Highwater.Core.Profiles;

/// <summary>
/// What one destination looks at: the properties it maps to fields and the groups it maps to
/// lists. A profile change outside its scope costs that destination nothing.
/// </summary>
/// <param name="Destination">The destination's name.</param>
/// <param name="Properties">The mapped properties (the foreign key's property included).</param>
/// <param name="Groups">The mapped groups.</param>
public sealed record DestinationScope(string Destination, IReadOnlySet<string> Properties, IReadOnlySet<string> Groups)
{
    /// <summary>Whether the change from <paramref name="before"/> to <paramref name="after"/> matters to the destination.</summary>
    public bool Affects(ProfileSnapshot? before, ProfileSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null)
        {
            return !after.Deleted;
        }

        if (before.Deleted != after.Deleted)
        {
            return true;
        }

        if (after.Deleted)
        {
            return false;
        }

        foreach (var property in Properties)
        {
            if (!string.Equals(before.Properties.GetValueOrDefault(property), after.Properties.GetValueOrDefault(property), StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var group in Groups)
        {
            if (before.Groups.Contains(group) != after.Groups.Contains(group))
            {
                return true;
            }
        }

        return false;
    }
}
