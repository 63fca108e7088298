using Highwater.Core.Groups;

namespace Highwater.Core.Profiles;

/// <summary>
/// Merges a source row into a profile: the row's columns replace those properties, properties
/// other sources contributed stay, and groups are computed afresh from the result.
/// </summary>
public sealed class ProfileMerger(GroupEvaluator groups)
{
    /// <summary>The profile after the row; <paramref name="before"/> is null for a new profile.</summary>
    public ProfileSnapshot Merge(ProfileSnapshot? before, string key, IReadOnlyDictionary<string, string?> row, bool deleted)
    {
        ArgumentNullException.ThrowIfNull(row);
        var properties = before is null
            ? new Dictionary<string, string?>(row, StringComparer.Ordinal)
            : new Dictionary<string, string?>(before.Properties, StringComparer.Ordinal);
        if (before is not null)
        {
            foreach (var (name, value) in row)
            {
                properties[name] = value;
            }
        }

        return new ProfileSnapshot(key, properties, groups.Evaluate(properties), deleted);
    }
}
