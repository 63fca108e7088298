using Highwater.Core.Model;
using Highwater.Engine.Configuration;
using Highwater.Storage.Outbox;
using Highwater.Storage.Profiles;
using Highwater.Storage.RemoteState;

namespace Highwater.Engine.Running;

/// <summary>Turns claimed outbox rows into export requests: the profile as the buffer holds it, beside what was last confirmed remotely.</summary>
internal static class RequestBuilder
{
    /// <summary>The rows sorted into requests, rows that cannot be exported (with the reason, naming the profile), and rows whose profile is gone.</summary>
    public sealed record Built(List<(OutboxItem Item, ExportRequest Request)> Requests, List<(OutboxItem Item, string Reason)> Invalid, List<OutboxItem> Gone);

    /// <remarks>
    /// <paramref name="listsAdoptedAt"/>: when the destination's mapped lists were last read
    /// (adopted), where that told which profiles' records are in them; a profile never exported
    /// that has not changed since is in none (see <see cref="ExportRequest.ListsObserved"/>).
    /// Fields are laid out on <paramref name="layout"/> (the destination's mapped names), and the
    /// last exported fields adopted into it when they hold exactly those names, so the planner
    /// compares the two slot by slot. A stored map of other names (the mapping changed since) keeps
    /// its own shape and diffs by name.
    /// </remarks>
    public static Built Build(
        DestinationConfig destination,
        FieldLayout layout,
        IReadOnlyList<OutboxItem> claimed,
        IReadOnlyDictionary<string, StoredProfile> profiles,
        IReadOnlyDictionary<string, RemoteRecordState> states,
        DateTimeOffset? listsAdoptedAt = null)
    {
        var built = new Built([], [], []);

        // One buffer for the whole batch: a field map copies the values it is given.
        var values = new string?[layout.Count];
        foreach (var item in claimed)
        {
            if (!profiles.TryGetValue(item.ProfileKey, out var profile))
            {
                built.Gone.Add(item);
                continue;
            }

            states.TryGetValue(item.ProfileKey, out var state);
            var foreignKey = profile.Properties.GetValueOrDefault(destination.ForeignKey)?.Trim();
            if (string.IsNullOrEmpty(foreignKey))
            {
                if (profile.Deleted && state?.ForeignKey is { Length: > 0 } known)
                {
                    foreignKey = known;
                }
                else if (profile.Deleted)
                {
                    // Never exported and nothing to find it by: there is nothing remote to delete.
                    built.Gone.Add(item);
                    continue;
                }
                else
                {
                    built.Invalid.Add((item, $"profile {item.ProfileKey} has no {destination.ForeignKey}: {destination.Name} matches records by it, so it cannot be exported until the source gives it one"));
                    continue;
                }
            }

            for (var i = 0; i < values.Length; i++)
            {
                values[i] = profile.Properties.GetValueOrDefault(destination.Fields[layout[i]]);
            }

            var previous = state?.ForeignKey is { Length: > 0 } last && !ForeignKeys.Comparer.Equals(last, foreignKey) ? last : null;
            built.Requests.Add((item, new ExportRequest
            {
                ProfileKey = item.ProfileKey,
                ForeignKey = foreignKey,
                PreviousForeignKey = previous,
                Fields = new FieldMap(layout, values),
                Groups = profile.Groups,
                Delete = profile.Deleted,
                LastExported = state is null ? null : Adopt(ExportDoubts.Resolve(state, ExportDoubts.DesiredLists(profile.Groups, destination.Lists)), layout),
                ListsObserved = state is null && listsAdoptedAt is { } adopted && item.ChangedAt <= adopted,
            }));
        }

        return built;
    }

    private static ExportedState Adopt(ExportedState state, FieldLayout layout)
    {
        var fields = layout.Adopt(state.Fields);
        return ReferenceEquals(fields, state.Fields) ? state : state with { Fields = fields };
    }
}
