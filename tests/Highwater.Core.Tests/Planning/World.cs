using Highwater.Core.Capabilities;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Core.Tests.Planning;

/// <summary>
/// A random but consistent world: a service with random capabilities, its remote records, and a
/// batch of requests whose "last exported" state agrees with what the service holds.
/// </summary>
internal sealed class World
{
    private static readonly string[] GroupNames = ["g1", "g2", "g3", "g4"];
    private static readonly string[] FieldNames = ["f1", "f2", "f3"];
    private static readonly string?[] Values = [null, "a", "b", "c"];

    private World(int seed)
    {
        Seed = seed;
        Random = new Random(seed);
    }

    public int Seed { get; }

    public Random Random { get; }

    public ServiceCapabilities Capabilities { get; private set; } = KnownServices.Marketo;

    public SyncMode Mode { get; private set; }

    public PlannerOptions Options { get; } = new();

    public FakeService Service { get; private set; } = null!;

    public List<ExportRequest> Batch { get; } = [];

    /// <summary>The remote records as they were before the batch, for the oracle.</summary>
    public List<(string Id, string Email, HashSet<string> Lists)> Before { get; } = [];

    public Planner Planner => new(Capabilities, Options);

    public static World Generate(int seed, int maxProfiles = 20)
    {
        var world = new World(seed);
        world.Build(maxProfiles);
        return world;
    }

    public IReadOnlySet<string> MappedLists(IEnumerable<string> groups) =>
        Capabilities.Membership.Style == MembershipStyle.None
            ? new HashSet<string>()
            : groups.Where(Options.ListsByGroup.ContainsKey).Select(g => Options.ListsByGroup[g]).ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> AllMappedLists => MappedLists(GroupNames);

    /// <summary>
    /// The Marketo shape: membership calls need ids, the upsert answers them, the lookup answers no
    /// lists. A first export goes by upsert without a lookup, and whether it matched a record in
    /// some list only the upsert's answer says; the engine then sends the removals in another
    /// batch (tested end to end in the engine's identity tests), which one plan cannot show.
    /// </summary>
    public bool UpsertMatchesBlind =>
        Capabilities.Membership.NeedsRemoteIds && Capabilities.Upsert is { ReturnsIds: true } && Capabilities.Lookup?.ReturnsMemberships != true;

    public override string ToString() => $"seed {Seed}: {Capabilities}, mode {Mode}, onKeyConflict {Options.OnKeyConflict}, {Batch.Count} profiles";

    private void Build(int maxProfiles)
    {
        var r = Random;
        Capabilities = r.Next(5) switch
        {
            0 => KnownServices.Marketo,
            1 => KnownServices.Salesforce,
            2 => KnownServices.Pardot,
            3 => KnownServices.Eloqua,
            _ => RandomCapabilities(r),
        };
        Mode = (SyncMode)r.Next(3);
        Options.Mode = Mode;
        Options.OnKeyConflict = r.Next(3) == 0 ? KeyConflictPolicy.Adopt : KeyConflictPolicy.Reject;
        Options.ListsByGroup["g1"] = "L1";
        Options.ListsByGroup["g2"] = "L2";
        Options.ListsByGroup["g3"] = "L2"; // two groups may share one list
        Service = new FakeService(Capabilities);
        var lists = AllMappedLists.Order(StringComparer.Ordinal).ToArray();
        var returnsMemberships = Capabilities.Lookup?.ReturnsMemberships == true;

        var count = r.Next(maxProfiles + 1);
        for (var i = 0; i < count; i++)
        {
            var email = $"e{i}@x.test";
            var exists = r.NextDouble() < 0.6;
            var known = exists && r.NextDouble() < 0.7;
            var keyChange = known && r.NextDouble() < 0.25;
            var delete = r.NextDouble() < 0.2;
            // A service without a lookup answers ids on every write, so Highwater always knows them.
            var knowsId = !known || Capabilities.Lookup is null || r.NextDouble() < 0.85;
            var remoteEmail = keyChange ? $"old{i}@x.test" : email;

            var remoteFields = known ? RandomFields(r) : FieldNames.ToDictionary(f => f, f => (string?)$"r{r.Next(3)}");
            // A record Highwater never exported may be in any list, except where only the engine's
            // requeue after an upsert that matched it can tell (see PlannerPropertyTests).
            var remoteLists = known || returnsMemberships || !UpsertMatchesBlind ? Subset(r, lists) : [];
            if (exists)
            {
                Service.Add(remoteEmail, remoteFields, remoteLists, $"r{i}");
                Before.Add(($"r{i}", remoteEmail, [.. remoteLists]));
            }

            // Someone else created a record under the new key already.
            if (keyChange && knowsId && !delete && Capabilities.Lookup is not null && r.NextDouble() < 0.3)
            {
                var other = returnsMemberships ? Subset(r, lists) : [];
                Service.Add(email, FieldNames.ToDictionary(f => f, f => (string?)$"r{r.Next(3)}"), other, $"d{i}");
                Before.Add(($"d{i}", email, [.. other]));
            }

            var last = known
                ? new ExportedState { RemoteId = knowsId ? $"r{i}" : null, Fields = new Dictionary<string, string?>(remoteFields), Lists = remoteLists.ToHashSet() }
                : null;

            Dictionary<string, string?> fields;
            HashSet<string> groups;
            if (known && !keyChange && !delete && r.NextDouble() < 0.25)
            {
                fields = new Dictionary<string, string?>(remoteFields);
                groups = remoteLists.Select(l => Options.ListsByGroup.First(p => p.Value == l).Key).ToHashSet();
                if (r.NextDouble() < 0.5)
                {
                    groups.Add("g4"); // unmapped: changes nothing remotely
                }
            }
            else
            {
                fields = RandomFields(r);
                groups = Subset(r, GroupNames).ToHashSet();
            }

            Batch.Add(new ExportRequest
            {
                ProfileKey = $"p{i}",
                ForeignKey = email,
                PreviousForeignKey = keyChange ? remoteEmail : null,
                Fields = fields,
                Groups = groups,
                Delete = delete,
                LastExported = last,
            });
        }

        // The order of a batch must not matter.
        for (var i = Batch.Count - 1; i > 0; i--)
        {
            var j = r.Next(i + 1);
            (Batch[i], Batch[j]) = (Batch[j], Batch[i]);
        }
    }

    private static Dictionary<string, string?> RandomFields(Random r) =>
        FieldNames.ToDictionary(f => f, _ => Values[r.Next(Values.Length)]);

    private static List<string> Subset(Random r, string[] items) => items.Where(_ => r.Next(2) == 0).ToList();

    private static ServiceCapabilities RandomCapabilities(Random r)
    {
        int Max() => r.Next(1, 5);
        int Requests() => r.Next(1, 3);
        var lookup = r.NextDouble() < 0.9 ? new LookupCapability(Max(), r.Next(2) == 0, Requests()) : (LookupCapability?)null;
        var upsert = r.NextDouble() < 0.6 ? new UpsertCapability(Max(), r.Next(2) == 0, r.Next(2) == 0, r.Next(2) == 0, Requests()) : (UpsertCapability?)null;
        var update = r.NextDouble() < 0.8 || upsert is null ? new UpdateCapability(Max(), r.NextDouble() < 0.8, r.Next(2) == 0, Requests()) : (UpdateCapability?)null;
        var create = r.NextDouble() < 0.8 || upsert is null ? new BatchCapability(Max(), Requests()) : (BatchCapability?)null;
        if (lookup is null && upsert is null)
        {
            lookup = new LookupCapability(Max());
        }

        var style = (MembershipStyle)r.Next(5);
        if ((lookup is null || create is null) && upsert is { ReturnsIds: false } && style is MembershipStyle.PerList or MembershipStyle.PerListAndDirection or MembershipStyle.AllLists)
        {
            upsert = upsert.Value with { ReturnsIds = true };
        }

        return new ServiceCapabilities
        {
            Service = "random",
            Lookup = lookup,
            Delete = r.NextDouble() < 0.85 ? new BatchCapability(Max(), Requests()) : null,
            Update = update,
            Create = create,
            Upsert = upsert,
            Membership = new MembershipCapability(style, Max(), Requests(), r.Next(0, 3)),
        };
    }
}
