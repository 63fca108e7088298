using Highwater.Core.Model;
using Highwater.Storage.RemoteState;

namespace Highwater.Engine.Running;

/// <summary>
/// What a batch may have changed remotely before its outcome was recorded. Before a batch's calls
/// go, each profile's remote state is stored with the lists and fields the batch is about to
/// change marked "in doubt"; the confirmed state replaces it when the outcome is recorded. If the
/// process dies in between (or a call's answer is lost), the marks stay, and the next export of
/// the profile takes each doubtful list and field as the opposite of what it wants then, so it
/// sends the call either way: an add for a list it wants, a remove for one it does not (both
/// harmless when the record already is so), and every doubtful field. Without that, a profile
/// that changed back before its re-export (moved to a list and out again) would diff as unchanged
/// against a state that never saw the first change, and the service would keep it.
/// </summary>
/// <remarks>
/// The marks live in the remote state's own columns: a doubtful list as a list name with a
/// prefix no service name starts with, a doubtful field as a value no source value equals.
/// </remarks>
internal static class ExportDoubts
{
    /// <summary>Marks a list name as in doubt.</summary>
    public const string ListMark = "\u0001doubt:";

    /// <summary>A field value that matches no value: the field is in doubt.</summary>
    public const string FieldMark = "\u0001doubt";

    /// <summary>
    /// The name of a pseudo-field holding the keys moves were sent toward, their outcomes unknown
    /// (one a line): the record may carry one of them or the stored one. No mapped field has this name.
    /// </summary>
    public const string KeyMark = "\u0001key";

    /// <summary>
    /// The name of a pseudo-field saying that whether the profile has a record at all is in doubt:
    /// its first write, or its delete, went and its outcome was never learnt. It outlives the doubts
    /// the next attempts add to every field, which would otherwise make a profile whose every field
    /// changed look like one never exported. No mapped field has this name.
    /// </summary>
    public const string ExistenceMark = "\u0001exists";

    /// <summary>The diff base of a stored state: the doubtful lists taken as the opposite of <paramref name="desiredLists"/>, and a key in doubt taken out of the fields.</summary>
    public static ExportedState Resolve(RemoteRecordState state, IReadOnlySet<string> desiredLists)
    {
        ArgumentNullException.ThrowIfNull(state);
        var fields = state.Fields;
        IReadOnlyList<string> keysInDoubt = [];
        if (fields.TryGetValue(KeyMark, out var moving))
        {
            keysInDoubt = Keys(moving);
        }

        if (fields.ContainsKey(KeyMark) || fields.ContainsKey(ExistenceMark))
        {
            fields = WithoutPseudoFields(fields);
        }

        if (!state.Lists.Any(IsMark))
        {
            return new ExportedState { RemoteId = state.RemoteId, Fields = fields, Lists = state.Lists, KeysInDoubt = keysInDoubt };
        }

        var lists = new HashSet<string>(state.Lists.Where(list => !IsMark(list)), StringComparer.Ordinal);
        foreach (var doubtful in state.Lists.Where(IsMark).Select(list => list[ListMark.Length..]))
        {
            if (desiredLists.Contains(doubtful))
            {
                lists.Remove(doubtful);
            }
            else
            {
                lists.Add(doubtful);
            }
        }

        return new ExportedState { RemoteId = state.RemoteId, Fields = fields, Lists = lists, KeysInDoubt = keysInDoubt };
    }

    /// <summary>
    /// The state to store before <paramref name="request"/>'s calls go, or null when they can
    /// change nothing in doubt: <paramref name="stored"/> with every list the request would add or
    /// remove and every field it would write marked.
    /// </summary>
    public static RemoteRecordState? Before(RemoteRecordState stored, ExportRequest request, IReadOnlySet<string> desiredLists, IReadOnlySet<string> mappedLists)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Delete)
        {
            return DeleteInDoubt(stored, mappedLists);
        }

        if (request.LastExported is not { } last)
        {
            return null;
        }

        var marks = mappedLists.Where(list => desiredLists.Contains(list) != last.Lists.Contains(list)).Select(list => ListMark + list).ToList();
        var fields = request.Fields.Where(f => !string.Equals(f.Value, last.Fields.GetValueOrDefault(f.Key), StringComparison.Ordinal)).Select(f => f.Key).ToList();
        if (marks.Count == 0 && fields.Count == 0)
        {
            return null;
        }

        var lists = new HashSet<string>(stored.Lists, StringComparer.Ordinal);
        lists.UnionWith(marks);
        var doubtedFields = new Dictionary<string, string?>(stored.Fields, StringComparer.Ordinal);
        foreach (var field in fields)
        {
            doubtedFields[field] = FieldMark;
        }

        return stored with { Fields = doubtedFields, Lists = lists };
    }

    /// <summary>
    /// The state stored before a profile's first write goes: no id, nothing confirmed, the key it
    /// goes out under and the lists its calls will add in doubt. A crash that loses the answer then
    /// still says where to look, and that a record found there is this profile's.
    /// </summary>
    public static RemoteRecordState FirstWrite(string destination, string profileKey, string foreignKey, IReadOnlySet<string> desiredLists, DateTimeOffset now) =>
        new(destination, profileKey, null, foreignKey, new Dictionary<string, string?> { [ExistenceMark] = FieldMark }, desiredLists.Select(list => ListMark + list).ToHashSet(StringComparer.Ordinal), now);

    /// <summary>Whether a move of the record went and was never confirmed: it may carry another key than the stored one.</summary>
    public static bool HasKeysInDoubt(RemoteRecordState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Fields.ContainsKey(KeyMark);
    }

    /// <summary>The keys writes of the record were sent toward and never confirmed (none when no move is in doubt).</summary>
    public static IReadOnlyList<string> KeysInDoubt(RemoteRecordState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Keys(state.Fields.GetValueOrDefault(KeyMark));
    }

    /// <summary><paramref name="state"/> with its record found under <paramref name="key"/>: stored under it, no move of it in doubt.</summary>
    public static RemoteRecordState Located(RemoteRecordState state, string key)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state with { ForeignKey = key, Fields = state.Fields.ContainsKey(KeyMark) || state.Fields.ContainsKey(ExistenceMark) ? WithoutPseudoFields(state.Fields) : state.Fields };
    }

    /// <summary>
    /// <paramref name="state"/> with <paramref name="key"/> among its keys in doubt: a write moving
    /// the record to that key is about to go, and its answer may be lost.
    /// </summary>
    public static RemoteRecordState WithKeyInDoubt(RemoteRecordState state, string key)
    {
        ArgumentNullException.ThrowIfNull(state);
        var keys = Join([.. Keys(state.Fields.GetValueOrDefault(KeyMark)), key], state.ForeignKey);
        if (keys is null)
        {
            return state;
        }

        var fields = new Dictionary<string, string?>(state.Fields, StringComparer.Ordinal) { [KeyMark] = keys };
        return state with { Fields = fields };
    }

    /// <summary>
    /// Whether <paramref name="state"/> holds no record the service confirmed: a first write
    /// recorded before it went (and maybe tried again since), or a delete whose outcome was never
    /// learnt, and no id. (A state stored before the existence mark was, with no field at all and
    /// only doubtful lists, is such a first write too.)
    /// </summary>
    public static bool IsFirstWrite(RemoteRecordState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.RemoteId is not null)
        {
            return false;
        }

        // A list both named and marked was taken from a doubt (see Resolve), not confirmed.
        return state.Fields.ContainsKey(ExistenceMark)
            || (state.Fields.All(f => f.Key == KeyMark) && state.Lists.All(list => IsMark(list) || state.Lists.Contains(ListMark + list)));
    }

    /// <summary>
    /// Before a delete goes: whether the record still exists is in doubt until the outcome is
    /// recorded. Its id is dropped (the next export finds the record by its key, or not) and every
    /// field and mapped list is in doubt, so a profile undeleted after a delete whose answer was
    /// lost (or a crash) is written whole, not diffed against a record that may be gone.
    /// </summary>
    public static RemoteRecordState DeleteInDoubt(RemoteRecordState stored, IReadOnlySet<string> mappedLists)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var fields = stored.Fields.ToDictionary(f => f.Key, f => f.Key == KeyMark ? f.Value : FieldMark, StringComparer.Ordinal);
        fields[ExistenceMark] = FieldMark;
        var lists = new HashSet<string>(stored.Lists.Where(IsMark), StringComparer.Ordinal);
        lists.UnionWith(mappedLists.Select(list => ListMark + list));
        return stored with { RemoteId = null, Fields = fields, Lists = lists };
    }

    /// <summary>A record just created for a profile never exported: its id, nothing confirmed, and the lists its membership calls will add in doubt.</summary>
    public static RemoteRecordState Created(string destination, string profileKey, string remoteId, string foreignKey, IReadOnlySet<string> desiredLists, DateTimeOffset now) =>
        new(destination, profileKey, remoteId, foreignKey, new Dictionary<string, string?>(), desiredLists.Select(list => ListMark + list).ToHashSet(StringComparer.Ordinal), now);

    /// <summary>
    /// The state to record for a profile whose export did not finish (to retry, rejected, deferred):
    /// what the executor confirmed, with the doubts of <paramref name="before"/> kept.
    /// </summary>
    public static RemoteRecordState Keep(RemoteRecordState confirmed, RemoteRecordState? before)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        if (before is null)
        {
            return confirmed;
        }

        var lists = new HashSet<string>(confirmed.Lists, StringComparer.Ordinal);
        lists.UnionWith(before.Lists.Where(IsMark));
        var fields = new Dictionary<string, string?>(confirmed.Fields, StringComparer.Ordinal);
        foreach (var (name, value) in before.Fields)
        {
            if (value == FieldMark && (name != ExistenceMark || confirmed.RemoteId is null))
            {
                // (Whether a record exists stays in doubt until an id or a finished write says so.)
                fields[name] = FieldMark;
            }
            else if (name == KeyMark && Join(Keys(value), confirmed.ForeignKey) is { } keys)
            {
                fields[KeyMark] = keys;
            }
        }

        return confirmed with { Fields = fields, Lists = lists };
    }

    /// <summary>The remote lists <paramref name="groups"/> map to on <paramref name="listsByGroup"/>.</summary>
    public static IReadOnlySet<string> DesiredLists(IReadOnlySet<string> groups, IReadOnlyDictionary<string, string> listsByGroup) =>
        groups.Select(group => listsByGroup.GetValueOrDefault(group)).OfType<string>().ToHashSet(StringComparer.Ordinal);

    private static Dictionary<string, string?> WithoutPseudoFields(IReadOnlyDictionary<string, string?> fields) =>
        fields.Where(f => f.Key != KeyMark && f.Key != ExistenceMark).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

    /// <summary>The keys in doubt a key mark holds.</summary>
    private static List<string> Keys(string? mark) => mark is null ? [] : [.. mark.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>A key mark of <paramref name="keys"/>, distinct, without <paramref name="stored"/> (where the record is known to be looked for anyway), the last few kept; null when none is left.</summary>
    private static string? Join(IEnumerable<string> keys, string? stored)
    {
        var kept = keys.Where(key => stored is null || !ForeignKeys.Comparer.Equals(key, stored)).Distinct(ForeignKeys.Comparer).TakeLast(MaxKeysInDoubt).ToList();
        return kept.Count == 0 ? null : string.Join('\n', kept);
    }

    /// <summary>At most this many keys stay in doubt: each costs a looked-up key on every export of the profile until it is resolved.</summary>
    private const int MaxKeysInDoubt = 4;

    private static bool IsMark(string list) => list.StartsWith(ListMark, StringComparison.Ordinal);
}
