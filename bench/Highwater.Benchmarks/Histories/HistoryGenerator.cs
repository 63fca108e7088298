namespace Highwater.Benchmarks.Histories;

/// <summary>
/// Makes a history from a seed: a few users inserted and synced, then a few rounds of source
/// operations each followed by a sync, with faults and crashes armed at random calls. Only the
/// kinds in the mix occur (inserts of the first users always do). The same seed, service and mix
/// always make the same history.
/// </summary>
internal static class HistoryGenerator
{
    public static readonly string[] Plans = ["free", "trial", "pro", "enterprise"];
    private static readonly string[] Names = ["Ada", "Bo", "Cy", "Di", "Ed", "Flo"];
    private static readonly string[] Countries = ["DE", "FR", "US", "JP", "BR"];

    private static readonly HistoryMix[] OpKinds =
    [
        HistoryMix.Insert, HistoryMix.Edit, HistoryMix.ChangePlan, HistoryMix.SoftDelete, HistoryMix.Undelete, HistoryMix.HardDelete,
        HistoryMix.EmailChange, HistoryMix.Swap, HistoryMix.Chain, HistoryMix.TakeAddress, HistoryMix.TakeCrmAddress, HistoryMix.Duplicate, HistoryMix.InvalidEmail,
    ];

    private static readonly HistoryMix[] FaultKinds = [HistoryMix.ServerError, HistoryMix.DroppedAnswer, HistoryMix.Timeout, HistoryMix.TokenExpiry, HistoryMix.Quota];

    private static readonly HistoryMix[] CrashKinds = [HistoryMix.CrashBeforeCall, HistoryMix.CrashAfterCall];

    public static History Generate(int seed, string service, HistoryMix mix)
    {
        var random = new Random(seed);
        var diff = mix.HasFlag(HistoryMix.HardDelete) && random.Next(3) == 0;
        var crm = Enumerable.Range(1, random.Next(1, 3))
            .Select(k => new CrmRecord(k, $"crm{k}@example.com", "Outsider" + k, "NZ", random.Next(3) switch { 0 => [], 1 => ["Paying Customers"], _ => ["Trial Users", "Partners"] }))
            .ToList();
        var model = new SourceModel(crm);
        var steps = new List<HistoryStep>();
        var next = new State(random, model, crm, diff);
        var ops = OpKinds.Where(k => mix.HasFlag(k) && (k != HistoryMix.HardDelete || diff)).ToList();
        var faults = FaultKinds.Where(k => mix.HasFlag(k)).ToList();
        var crashes = CrashKinds.Where(k => mix.HasFlag(k)).ToList();

        for (var i = random.Next(2, 5); i > 0; i--)
        {
            Add(steps, model, next.Insert());
        }

        var rounds = random.Next(2, 5);
        for (var round = 0; round <= rounds; round++)
        {
            if (round > 0)
            {
                foreach (var fix in next.TakeFixes())
                {
                    Add(steps, model, fix);
                }

                for (var n = random.Next(1, 4); n > 0 && ops.Count > 0; n--)
                {
                    for (var attempt = 0; attempt < 10; attempt++)
                    {
                        if (next.Make(ops[random.Next(ops.Count)]) is { } op)
                        {
                            Add(steps, model, op);
                            break;
                        }
                    }
                }
            }

            steps.Add(Sync(random, faults, crashes));
        }

        return new History(seed, service, diff, crm, steps);
    }

    private static void Add(List<HistoryStep> steps, SourceModel model, SourceOp op)
    {
        model.Apply(op);
        steps.Add(new OpStep(op));
    }

    private static SyncStep Sync(Random random, List<HistoryMix> faults, List<HistoryMix> crashes)
    {
        var armed = new List<ArmedFault>();
        if (faults.Count > 0 && random.Next(2) == 0)
        {
            for (var n = random.Next(1, 3); n > 0; n--)
            {
                armed.Add(new ArmedFault(faults[random.Next(faults.Count)], random.Next(0, 7)));
            }
        }

        var crash = crashes.Count > 0 && random.Next(4) == 0 ? new ArmedFault(crashes[random.Next(crashes.Count)], random.Next(0, 7)) : null;
        return new SyncStep([.. armed.DistinctBy(f => f.Call).OrderBy(f => f.Call)], crash);
    }

    /// <summary>Picks the targets of operations from the source as it is at that point of the history.</summary>
    private sealed class State(Random random, SourceModel model, List<CrmRecord> crm, bool diff)
    {
        private readonly List<int> _invalid = [];
        private int _nextId = 1;
        private int _version;

        public SourceOp Insert()
        {
            var id = _nextId++;
            return new SourceOp(HistoryMix.Insert, id, Text: $"u{id}@example.com", Country: Pick(Countries));
        }

        public IEnumerable<SourceOp> TakeFixes()
        {
            var fixes = _invalid.Where(_ => random.Next(4) != 0).ToList();
            _invalid.RemoveAll(fixes.Contains);
            return fixes.Select(id => new SourceOp(HistoryMix.EmailChange, id, Text: Fresh(id)));
        }

        public SourceOp? Make(HistoryMix kind)
        {
            var all = model.Users.Select(u => u.Id).ToList();
            var live = model.Live.Select(u => u.Id).ToList();
            var deleted = model.Users.Where(u => u.Deleted).Select(u => u.Id).ToList();
            switch (kind)
            {
                case HistoryMix.Insert:
                    return Insert();
                case HistoryMix.Edit when all.Count > 0:
                    return new SourceOp(kind, Pick(all), Text: Pick(Names), Country: Pick(Countries));
                case HistoryMix.ChangePlan when all.Count > 0:
                    return new SourceOp(kind, Pick(all), Text: Pick(HistoryGenerator.Plans));
                case HistoryMix.SoftDelete when live.Count > 0:
                    return new SourceOp(kind, Pick(live));
                case HistoryMix.Undelete when deleted.Count > 0:
                    return new SourceOp(kind, Pick(deleted));
                case HistoryMix.HardDelete when diff && all.Count > 0:
                    return new SourceOp(kind, Pick(all));
                case HistoryMix.EmailChange when all.Count > 0:
                    var id = Pick(all);
                    return new SourceOp(kind, id, Text: Fresh(id));
                case HistoryMix.Swap or HistoryMix.TakeAddress when live.Count >= 2:
                    var (a, b) = Two(live);
                    return new SourceOp(kind, a, b);
                case HistoryMix.Chain when live.Count >= 3:
                    var (x, y) = Two(live);
                    var z = Pick([.. live.Where(i => i != x && i != y)]);
                    return new SourceOp(kind, x, y, z, Text: Fresh(z));
                case HistoryMix.TakeCrmAddress when live.Count > 0 && crm.Count > 0:
                    return new SourceOp(kind, Pick(live), Pick(crm).Index);
                case HistoryMix.Duplicate when live.Count > 0:
                    return new SourceOp(kind, _nextId++, Pick(live), Country: Pick(Countries));
                case HistoryMix.InvalidEmail when live.Count > 0:
                    var bad = Pick(live);
                    _invalid.Add(bad);
                    return new SourceOp(kind, bad, Text: $"u{bad}.{++_version}-at-example.com");
                default:
                    return null;
            }
        }

        private string Fresh(int id) => $"u{id}.{++_version}@example.com";

        private (int, int) Two(List<int> ids)
        {
            var a = Pick(ids);
            return (a, Pick([.. ids.Where(i => i != a)]));
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
    }
}
