using System.Collections.Frozen;
using Highwater.Core.Capabilities;
using Highwater.Core.Model;

namespace Highwater.Core.Planning;

/// <summary>
/// Plans the API calls that bring one destination in step with a batch of profiles: the batch
/// algorithm of the design, made exact. A pure function of the batch, what was last exported,
/// the capabilities and the lookup's answers. It works in two phases because the writes depend on
/// who the lookup finds: <see cref="PlanLookup"/> first, then <see cref="PlanWrites"/>.
/// Thread-safe once built.
/// </summary>
public sealed partial class Planner
{
    private readonly ServiceCapabilities _capabilities;
    private readonly SyncMode _mode;
    private readonly Func<double>? _quotaLeft;
    private readonly KeyConflictPolicy _onKeyConflict;
    private readonly string _keyName;

    /// <summary>The mapped remote lists, distinct and in ordinal order: list <c>i</c> is bit <c>i</c> of a <see cref="ListMask"/>.</summary>
    private readonly string[] _lists;

    /// <summary>Each mapped group's list, by index into <see cref="_lists"/>.</summary>
    private readonly FrozenDictionary<string, int> _listIndexByGroup;

    /// <summary>Each mapped list's index into <see cref="_lists"/>, by name.</summary>
    private readonly FrozenDictionary<string, int> _listIndexByName;

    /// <summary>The one membership change of a list call's record, by list index: shared, as it never changes.</summary>
    private readonly IReadOnlyList<ListChange>[] _joins;

    private readonly IReadOnlyList<ListChange>[] _leaves;

    /// <summary>Every mapped list.</summary>
    private readonly ListMask _allLists;

    /// <summary>Builds a planner for one destination.</summary>
    /// <exception cref="ArgumentException">The capabilities are inconsistent.</exception>
    public Planner(ServiceCapabilities capabilities, PlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(options);
        var problems = capabilities.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(capabilities));
        }

        _capabilities = capabilities;
        _mode = options.Mode;
        _quotaLeft = options.QuotaLeft;
        _onKeyConflict = options.OnKeyConflict;
        _keyName = options.ForeignKeyName;
        var lists = capabilities.Membership.Style == MembershipStyle.None
            ? new Dictionary<string, string>()
            : options.ListsByGroup;
        _lists = [.. lists.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        _listIndexByName = _lists.Index().ToFrozenDictionary(l => l.Item, l => l.Index, StringComparer.Ordinal);
        _listIndexByGroup = lists.ToFrozenDictionary(g => g.Key, g => _listIndexByName[g.Value], StringComparer.Ordinal);
        for (var i = 0; i < _lists.Length; i++)
        {
            _allLists = _allLists.With(i);
        }

        _joins = [.. _lists.Select(l => (IReadOnlyList<ListChange>)[new ListChange(l, MembershipDirection.Add)])];
        _leaves = [.. _lists.Select(l => (IReadOnlyList<ListChange>)[new ListChange(l, MembershipDirection.Remove)])];
        IsInline = capabilities.Membership.Style == MembershipStyle.Inline;
        HasMembershipCalls = capabilities.Membership.Style is MembershipStyle.PerListAndDirection or MembershipStyle.PerList or MembershipStyle.AllLists;
        MembershipNeedsIds = capabilities.Membership.NeedsRemoteIds;
        CanDelete = _mode == SyncMode.Sync && capabilities.Delete is not null;

        // A record's foreign key can change by an update, or by an upsert that takes ids.
        CanAddressById = capabilities.Update is not null || capabilities.Upsert is { ByRemoteId: true };
    }

    /// <summary>The capabilities this planner plans for.</summary>
    public ServiceCapabilities Capabilities => _capabilities;

    /// <summary>
    /// Plans a whole batch, answering the lookup phase with <paramref name="lookup"/> (a live
    /// service, a simulator, or a model of one). Used by dry runs and the budget.
    /// </summary>
    public Plan Plan(IReadOnlyList<ExportRequest> batch, Func<IReadOnlyList<string>, IEnumerable<RemoteMatch>> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var phase = PlanLookup(batch);
        var answers = new List<RemoteMatch>();
        foreach (var call in phase.Step.Calls)
        {
            var keys = new string[call.Records.Count];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = call.Records[i].ForeignKey!;
            }

            answers.AddRange(lookup(keys));
        }

        return PlanWrites(phase, answers);
    }

    // Worked out once: every profile asks.
    private bool IsInline { get; }

    private bool HasMembershipCalls { get; }

    /// <summary>Membership calls address records by remote id (not by foreign key), so a record must have one first.</summary>
    private bool MembershipNeedsIds { get; }

    private bool CanDelete { get; }

    private bool CanAddressById { get; }
}
