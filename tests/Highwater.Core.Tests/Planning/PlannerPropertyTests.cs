using Highwater.Core.Capabilities;
using Highwater.Core.Costing;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Core.Tests.Planning;

/// <summary>
/// Random batches against an in-memory service: executing the plan reaches exactly the desired
/// remote state, no call exceeds its maximum, no record in a call changes nothing, and the cost
/// equals the closed-formula lower bound of the batch's counts.
/// </summary>
public class PlannerPropertyTests
{
    private const int Cases = 3000;

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var chunk = 0; chunk < 10; chunk++)
        {
            data.Add(chunk);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Plan_RandomBatches_ConvergeWithinMaximaAndAtLowerBound(int chunk)
    {
        for (var seed = chunk * (Cases / 10); seed < (chunk + 1) * (Cases / 10); seed++)
        {
            var world = World.Generate(seed);
            var expected = Oracle.Expected(world);
            var plan = PlanRunner.RunOnce(world.Planner, world.Service, world.Batch);

            // A profile never exported, whose record's lists nothing told, joins every mapped list
            // it wants and leaves every other one; where its record (someone else's, matched) was
            // already so, that membership call changes nothing.
            var blind = world.Batch.Where(b => b.LastExported is null)
                .SelectMany(b => new[] { "ListAdd", "ListRemove", "ListUpdate" }.Select(kind => $"{kind} of {b.ProfileKey} changed nothing"))
                .ToHashSet(StringComparer.Ordinal);
            var violations = world.Service.Violations.Where(v => !blind.Contains(v)).ToList();
            Assert.True(violations.Count == 0, $"{world}: {string.Join("; ", violations)}");
            Assert.Empty(plan.Deferred);
            AssertCounts(world, expected, plan.Counts);
            Assert.True(CostModel.LowerBound(expected, world.Capabilities) == plan.Requests,
                $"{world}: plan costs {plan.Requests}, lower bound {CostModel.LowerBound(expected, world.Capabilities)}");
            Assert.Equal(plan.Requests, world.Service.Requests);
            AssertConverged(world);

            // A second pass over the state the first one left costs nothing.
            var again = PlanRunner.RunOnce(world.Planner, world.Service, Exported(world, plan));
            Assert.True(again.Requests == 0, $"{world}: second pass still costs {again.Requests}: {Describe(again)}");
        }
    }

    [Fact]
    public void Plan_DuplicateForeignKeys_DefersButNeverFailsAndNeverDuplicates()
    {
        for (var seed = 0; seed < 500; seed++)
        {
            var world = World.Generate(seed, maxProfiles: 8);
            var batch = world.Batch.Select(r => r).ToList();
            var random = new Random(seed);
            for (var i = 0; i < batch.Count / 2; i++)
            {
                var copy = batch[random.Next(batch.Count)];
                var fields = new Dictionary<string, string?>(copy.Fields) { ["f1"] = $"twin{i}" };
                batch.Add(copy with { ProfileKey = $"{copy.ProfileKey}-twin{i}", Fields = fields, LastExported = null, PreviousForeignKey = null, Delete = false });
            }

            var plans = PlanRunner.RunToEnd(world.Planner, world.Service, batch);

            // A twin was never exported, so its diff base is empty and it may re-add lists its
            // twin already joined; every other rule still holds.
            var broken = world.Service.Violations.Where(v => !v.EndsWith("changed nothing", StringComparison.Ordinal)).ToList();
            Assert.True(broken.Count == 0, $"{world}: {string.Join("; ", broken)}");
            var handled = plans.SelectMany(p => p.Dispositions).Where(d => d.Value != Disposition.Deferred).Select(d => d.Key).ToHashSet();
            Assert.True(batch.All(r => handled.Contains(r.ProfileKey)), $"{world}: some request was never planned");
            foreach (var email in batch.Select(r => r.ForeignKey).Distinct())
            {
                Assert.True(world.Service.WithEmail(email).Count() <= 1 + world.Before.Count(b => b.Email == email), $"{world}: {email} was created twice");
            }
        }
    }

    private static void AssertCounts(World world, BatchCounts expected, BatchCounts actual)
    {
        var message = $"{world}\nexpected {Format(expected)}\nactual   {Format(actual)}";
        Assert.True(expected.LookupKeys == actual.LookupKeys && expected.Deletes == actual.Deletes &&
                    expected.ByIdWrites == actual.ByIdWrites && expected.ExistingWrites == actual.ExistingWrites &&
                    expected.NewRecords == actual.NewRecords && expected.UnresolvedWrites == actual.UnresolvedWrites &&
                    SameCounts(expected.Adds, actual.Adds) && SameCounts(expected.Removes, actual.Removes), message);
    }

    private static bool SameCounts(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
        a.Where(p => p.Value > 0).OrderBy(p => p.Key).SequenceEqual(b.Where(p => p.Value > 0).OrderBy(p => p.Key));

    private static string Format(BatchCounts c) =>
        $"lookup {c.LookupKeys}, delete {c.Deletes}, byId {c.ByIdWrites}, existing {c.ExistingWrites}, new {c.NewRecords}, unresolved {c.UnresolvedWrites}, " +
        $"adds [{string.Join(",", c.Adds.OrderBy(p => p.Key).Select(p => $"{p.Key}:{p.Value}"))}], removes [{string.Join(",", c.Removes.OrderBy(p => p.Key).Select(p => $"{p.Key}:{p.Value}"))}]";

    private static string Describe(Plan plan) =>
        string.Join("; ", plan.Steps.SelectMany(s => s.Calls).Select(c => $"{c.Kind} {c.List} [{string.Join(",", c.Records.Select(r => r.ProfileKey))}]"));

    /// <summary>
    /// The converged state, per the scenario runner's definition: every profile that stays exists
    /// exactly once under its e-mail with its fields and exactly its mapped lists; a deleted profile
    /// is gone in sync mode, and in none of the mapped lists otherwise.
    /// </summary>
    private static void AssertConverged(World world)
    {
        var caps = world.Capabilities;
        foreach (var r in world.Batch)
        {
            var message = $"{world}, profile {r.ProfileKey}";
            var records = world.Service.WithEmail(r.ForeignKey).ToList();
            var olds = r.KeyChanged ? world.Service.WithEmail(r.PreviousForeignKey!).ToList() : [];
            var findable = caps.Lookup is not null || r.LastExported?.RemoteId is not null;
            var knownId = r.LastExported?.RemoteId;

            // Ownership: the profile's records are its id, and what lies under a key it was exported
            // under; a record under its new key that it never exported is someone else's.
            bool Owned(RemoteRecord x) => x.Id == knownId || (r.LastExported is not null && (!r.KeyChanged || x.Email == r.PreviousForeignKey));
            var others = world.Before.Where(b => b.Email == r.ForeignKey && b.Id != knownId && !(r.LastExported is not null && !r.KeyChanged)).ToList();
            if (r.Delete)
            {
                if (!findable)
                {
                    continue; // without a lookup, a record Highwater never saw cannot be found
                }

                var owned = records.Concat(olds).Where(Owned).ToList();
                if (world.Mode == SyncMode.Sync && caps.Delete is not null)
                {
                    Assert.True(owned.Count == 0, $"{message}: deleted profile still exists");
                }
                else
                {
                    Assert.True(owned.All(x => !x.Lists.Overlaps(world.AllMappedLists)), $"{message}: deleted profile still in a mapped list");
                }

                Assert.True(others.All(b => records.Any(x => x.Id == b.Id)), $"{message}: a record the profile did not own was deleted");
                continue;
            }

            var conflicted = world.Options.OnKeyConflict == KeyConflictPolicy.Reject && r.KeyChanged && caps.Lookup is not null
                && others.Count > 0 && world.Before.Any(b => b.Email == r.PreviousForeignKey);
            if (conflicted)
            {
                // Rejected: the record holding the new key and the profile's own are left as they were.
                Assert.True(others.All(b => records.Any(x => x.Id == b.Id && x.Lists.SetEquals(b.Lists))), $"{message}: the record holding the new key was changed");
                Assert.True(olds.Count > 0, $"{message}: the profile's own record was removed");
                continue;
            }

            var existed = world.Before.Any(b => b.Email == r.ForeignKey || b.Email == r.PreviousForeignKey);
            var keyStuck = r.KeyChanged && caps.Update is null && caps.Upsert is not { ByRemoteId: true };
            if (world.Mode == SyncMode.Enrich && (!existed || !findable || keyStuck))
            {
                var before = world.Before.Count(b => b.Email == r.ForeignKey);
                Assert.True(records.Count <= before, $"{message}: enrich created a record");
                continue;
            }

            var record = Assert.Single(records);
            foreach (var (name, value) in r.Fields)
            {
                Assert.True(record.Fields.GetValueOrDefault(name) == value, $"{message}: field {name} is '{record.Fields.GetValueOrDefault(name)}', wanted '{value}'");
            }

            if (caps.Membership.Style != MembershipStyle.None)
            {
                var lists = record.Lists.Intersect(world.AllMappedLists).Order().ToList();
                var wanted = world.MappedLists(r.Groups).Order().ToList();
                Assert.True(lists.SequenceEqual(wanted), $"{message}: lists [{string.Join(",", lists)}], wanted [{string.Join(",", wanted)}]");
            }
        }
    }

    /// <summary>The batch again, each request carrying what the first pass exported, as the buffer would record it.</summary>
    private static List<ExportRequest> Exported(World world, Plan plan)
    {
        var next = new List<ExportRequest>();
        foreach (var r in world.Batch)
        {
            var record = world.Service.WithEmail(r.ForeignKey).FirstOrDefault();
            if (r.Delete || record is null || plan.Dispositions.GetValueOrDefault(r.ProfileKey) == Disposition.Conflict)
            {
                continue;
            }

            next.Add(r with
            {
                PreviousForeignKey = null,
                LastExported = new ExportedState
                {
                    RemoteId = record.Id,
                    Fields = new Dictionary<string, string?>(r.Fields),
                    Lists = world.MappedLists(r.Groups).ToHashSet(),
                },
            });
        }

        return next;
    }
}
