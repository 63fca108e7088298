using Highwater.Core.Groups;

namespace Highwater.Core.Profiles;

/// <summary>
/// Merges a source row into a profile: the row's columns replace those properties, properties
/// other sources contributed stay, and groups are computed afresh from the result.
/// </summary>
public sealed class ProfileMerger(GroupEvaluator groups)
{
    /// <summary>
    /// The profile after the row; <paramref name="before"/> is null for a new profile, whose
    /// properties are then <paramref name="row"/> itself, not a copy (a source row is not changed once read).
    /// </summary>
    public ProfileSnapshot Merge(ProfileSnapshot? before, string key, IReadOnlyDictionary<string, string?> row, bool deleted)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (before is null)
        {
            // A new profile is the row itself: read-only, so it is shared rather than copied.
            return new ProfileSnapshot(key, row, groups.Evaluate(row), deleted);
        }

        var properties = new Dictionary<string, string?>(before.Properties, StringComparer.Ordinal);
        foreach (var (name, value) in row)
        {
            properties[name] = value;
        }

        return new ProfileSnapshot(key, properties, groups.Evaluate(properties), deleted);
    }
}
