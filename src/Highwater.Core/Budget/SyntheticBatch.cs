using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Core.Budget;

/// <summary>
/// A made-up batch with the shape of a <see cref="BudgetScenario"/>, and the remote state it
/// meets, so the real planner can price it.
/// </summary>
/// <remarks>
/// Users 0..D−1 are deleted, D..D+C−1 are new, the rest exist remotely and change a field. Of
/// the deleted and updated users, the known share were exported by Highwater before (it knows
/// their id, fields and lists). Each group's joiners are taken among users that stay; its leavers
/// among known users that stay and do not join it, since only a known membership can be left.
/// </remarks>
internal sealed class SyntheticBatch
{
    private readonly Dictionary<string, RemoteMatch> _remote = new(ForeignKeys.Comparer);

    public SyntheticBatch(BudgetScenario scenario, bool lookupReturnsMemberships)
    {
        var users = scenario.Users;
        var deletes = Share(scenario.DeleteShare, users);
        var creates = Math.Min(Share(scenario.CreateShare, users), users - deletes);
        var staying = users - deletes;
        var baseLists = new HashSet<string>[users];
        var desired = new HashSet<string>[users];
        for (var i = 0; i < users; i++)
        {
            baseLists[i] = [];
            desired[i] = [];
        }

        for (var g = 0; g < scenario.Groups; g++)
        {
            var list = ListName(g);
            Options.ListsByGroup[GroupName(g)] = list;
            var joiners = Math.Min(Share(scenario.JoinShare(g), users), staying);
            var offset = (g * 7919) % Math.Max(staying, 1);
            for (var n = 0; n < joiners; n++)
            {
                desired[deletes + ((offset + n) % staying)].Add(GroupName(g));
            }

            var leavers = Share(scenario.LeaveShare(g), users);
            for (var i = users - 1; i >= deletes + creates && leavers > 0; i--)
            {
                if (IsKnown(scenario, i, deletes, creates, users) && !desired[i].Contains(GroupName(g)))
                {
                    baseLists[i].Add(list);
                    leavers--;
                }
            }
        }

        var requests = new List<ExportRequest>(users);
        for (var i = 0; i < users; i++)
        {
            var key = $"user{i}@example.com";
            var isNew = i >= deletes && i < deletes + creates;
            var known = !isNew && IsKnown(scenario, i, deletes, creates, users);
            var lists = known ? baseLists[i] : [];

            if (!isNew)
            {
                _remote[key] = new RemoteMatch(key, $"r{i}", lookupReturnsMemberships ? lists : null);
            }

            requests.Add(new ExportRequest
            {
                ProfileKey = $"p{i}",
                ForeignKey = key,
                Delete = i < deletes,
                Fields = i < deletes ? FieldValues.Empty : new Dictionary<string, string?> { ["firstName"] = $"New{i}" },
                Groups = desired[i],
                LastExported = known
                    ? new ExportedState { RemoteId = $"r{i}", Fields = new Dictionary<string, string?> { ["firstName"] = $"Old{i}" }, Lists = lists }
                    : null,
            });
        }

        Requests = requests;
    }

    public PlannerOptions Options { get; } = new();

    public IReadOnlyList<ExportRequest> Requests { get; }

    public IEnumerable<RemoteMatch> Lookup(IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            if (_remote.TryGetValue(key, out var match))
            {
                yield return match;
            }
        }
    }

    internal static string GroupName(int group) => $"group{group + 1}";

    internal static string ListName(int group) => $"List {group + 1}";

    /// <summary>Records a share of the batch stands for: any positive share is at least one.</summary>
    internal static int Share(double share, int users) => (int)Math.Ceiling((share * users) - 1e-9);

    private static bool IsKnown(BudgetScenario scenario, int i, int deletes, int creates, int users)
    {
        var (start, size) = i < deletes ? (0, deletes) : (deletes + creates, users - deletes - creates);
        return i - start < Share(scenario.KnownShare, size);
    }
}
