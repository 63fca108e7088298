namespace Highwater.Benchmarks.Histories;

/// <summary>
/// The source's <c>users</c> table as the history leaves it: the generator applies operations to
/// it to choose sensible next ones, the runner applies them to write the SQLite table, and the
/// oracle reads what the service should hold from it.
/// </summary>
internal sealed class SourceModel(IReadOnlyList<CrmRecord> crmOnly)
{
    private readonly SortedDictionary<int, SourceUser> _users = [];
    private readonly Dictionary<int, HashSet<string>> _names = [];

    public IReadOnlyCollection<SourceUser> Users => _users.Values;

    public IEnumerable<SourceUser> Live => _users.Values.Where(u => !u.Deleted);

    public SourceUser? Find(int id) => _users.GetValueOrDefault(id);

    /// <summary>Applies <paramref name="op"/>; answers the ids of the rows it wrote (present: upserted, absent: hard-deleted).</summary>
    public IReadOnlyList<int> Apply(SourceOp op)
    {
        var user = Find(op.Id);
        var other = Find(op.Other);
        switch (op.Kind)
        {
            case HistoryMix.Insert when user is null:
                return Set(new SourceUser(op.Id, op.Text!, "First" + op.Id, op.Country!, "free", Deleted: false));
            case HistoryMix.Duplicate when user is null && other is not null:
                return Set(new SourceUser(op.Id, other.Email, "Dup" + op.Id, op.Country ?? "FR", "trial", Deleted: false));
            case HistoryMix.Edit when user is not null:
                return Set(user with { FirstName = op.Text!, Country = op.Country! });
            case HistoryMix.ChangePlan when user is not null:
                return Set(user with { Plan = op.Text! });
            case HistoryMix.SoftDelete when user is not null:
                return Set(user with { Deleted = true });
            case HistoryMix.Undelete when user is not null:
                return Set(user with { Deleted = false });
            case HistoryMix.HardDelete when user is not null:
                _users.Remove(user.Id);
                return [user.Id];
            case HistoryMix.EmailChange or HistoryMix.InvalidEmail when user is not null:
                return Set(user with { Email = op.Text! });
            case HistoryMix.Swap when user is not null && other is not null && user.Id != other.Id:
                return [.. Set(user with { Email = other.Email }), .. Set(other with { Email = user.Email })];
            case HistoryMix.Chain when user is not null && other is not null && Find(op.Third) is { } third && new[] { user.Id, other.Id, third.Id }.Distinct().Count() == 3:
                return [.. Set(user with { Email = other.Email }), .. Set(other with { Email = third.Email }), .. Set(third with { Email = op.Text! })];
            case HistoryMix.TakeAddress when user is not null && other is not null && user.Id != other.Id:
                return Set(user with { Email = other.Email });
            case HistoryMix.TakeCrmAddress when user is not null && crmOnly.FirstOrDefault(c => c.Index == op.Other) is { } crm:
                return Set(user with { Email = crm.Email });
            default:
                return [];
        }
    }

    /// <summary>Whether user <paramref name="id"/> was ever called <paramref name="firstName"/> (a conflict's loser keeps a record with a name it had).</summary>
    public bool HadName(int id, string firstName) => _names.TryGetValue(id, out var names) && names.Contains(firstName);

    private int[] Set(SourceUser user)
    {
        _users[user.Id] = user;
        if (!_names.TryGetValue(user.Id, out var names))
        {
            _names[user.Id] = names = new HashSet<string>(StringComparer.Ordinal);
        }

        names.Add(user.FirstName);
        return [user.Id];
    }
}
