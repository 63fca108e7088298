using Highwater.Core.Groups;

namespace Highwater.Core.Profiles;

/// <summary>
/// Merges a source row into a profile: the row's columns replace those properties, properties
/// other sources contributed stay, and groups are computed afresh from the result. Only a
/// primary row (<see cref="Merge"/>) decides whether the profile exists; an enrich row
/// (<see cref="Enrich"/>, <see cref="Withdraw"/>) only adds or takes back its own properties.
/// </summary>
public sealed class ProfileMerger(GroupEvaluator groups)
{
    /// <summary>
    /// The profile after a primary row: its properties merged in, deleted as the row says.
    /// <paramref name="before"/> is null for a new profile, whose properties are then
    /// <paramref name="row"/> itself, not a copy (a source row is not changed once read).
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

    /// <summary>
    /// The profile after a live enrich row: its properties merged in, deletion left as it was. A
    /// profile no primary row has created yet is created deleted, so it waits, exported by nothing,
    /// until its primary row arrives. Properties the same source gave before
    /// (<paramref name="previous"/>) that the row no longer has are taken back as by <see cref="Withdraw"/>.
    /// </summary>
    public ProfileSnapshot Enrich(ProfileSnapshot? before, string key, IReadOnlyDictionary<string, string?> row, IReadOnlyDictionary<string, string?>? previous)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (before is null)
        {
            return new ProfileSnapshot(key, row, groups.Evaluate(row), Deleted: true);
        }

        var properties = new Dictionary<string, string?>(before.Properties, StringComparer.Ordinal);
        if (previous is not null)
        {
            foreach (var (name, value) in previous)
            {
                if (!row.ContainsKey(name))
                {
                    TakeBack(properties, name, value);
                }
            }
        }

        foreach (var (name, value) in row)
        {
            properties[name] = value;
        }

        return new ProfileSnapshot(key, properties, groups.Evaluate(properties), before.Deleted);
    }

    /// <summary>
    /// The profile after an enrich row was deleted or vanished: each property it gave
    /// (<paramref name="given"/>) is removed, unless the profile holds another value for it now
    /// (another source wrote it since), and the profile stays as alive or deleted as it was.
    /// </summary>
    public ProfileSnapshot Withdraw(ProfileSnapshot before, IReadOnlyDictionary<string, string?> given)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(given);
        var properties = new Dictionary<string, string?>(before.Properties, StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            TakeBack(properties, name, value);
        }

        return new ProfileSnapshot(before.Key, properties, groups.Evaluate(properties), before.Deleted);
    }

    private static void TakeBack(Dictionary<string, string?> properties, string name, string? given)
    {
        if (properties.TryGetValue(name, out var now) && string.Equals(now, given, StringComparison.Ordinal))
        {
            properties.Remove(name);
        }
    }
}
