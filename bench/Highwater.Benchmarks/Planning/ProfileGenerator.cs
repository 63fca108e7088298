using System.Globalization;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Benchmarks.Planning;

/// <summary>
/// Makes export requests of a <see cref="WorkloadShape"/>, and the records the service holds for
/// them, from a fixed seed so every run plans the same profiles.
/// </summary>
/// <remarks>
/// Fields are <see cref="FieldMap"/>s on one layout, as the engine's request builder makes them
/// (the last exported ones as it adopts the stored map into the destination's layout).
/// Each profile has eight mapped fields and belongs to some of five mapped groups (and sometimes to
/// an unmapped one). The last exported state is built from separate string instances, as it would
/// be when read back from the buffer store, so the field diff compares characters, not references.
/// </remarks>
internal sealed class ProfileGenerator(int seed)
{
    public const double DeleteShare = 0.10;
    public const double NewShare = 0.30;
    public const double JoinShare = 0.10;
    public const double LeaveShare = 0.05;
    public const double EmailChangeShare = 0.02;

    /// <summary>Share of deletes Highwater exported before (it knows their id); the rest need a lookup.</summary>
    public const double KnownDeleteShare = 0.90;

    /// <summary>Share of profiles Highwater never exported that exist remotely all the same (a form fill, an import).</summary>
    public const double AlreadyRemoteShare = 0.20;

    private static readonly string[] Groups = ["newsletter", "customers", "trial", "webinar-2025", "vip"];
    private static readonly string[] Lists = ["Newsletter", "Customers", "Trial users", "Webinar 2025", "VIP"];
    private static readonly double[] GroupShares = [0.50, 0.30, 0.20, 0.10, 0.05];
    private const string UnmappedGroup = "staff";
    private const double UnmappedShare = 0.02;

    private static readonly string[] FirstNames = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Niklaus"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Wirth"];
    private static readonly string[] Titles = ["Engineer", "Manager", "Director", "Analyst", "Consultant", "VP Marketing"];
    private static readonly string[] Cities = ["Berlin", "Lyon", "Porto", "Austin", "Osaka", "Leeds", "Turin", "Gdansk"];
    private static readonly string[] Countries = ["DE", "FR", "PT", "US", "JP", "GB", "IT", "PL"];
    private static readonly string[] ChangeableFields = ["firstName", "lastName", "company", "title", "city", "country", "leadScore"];

    /// <summary>The destination's mapped fields, in the order the request builder lays them out.</summary>
    private static readonly FieldLayout Layout = new(["email", "firstName", "lastName", "company", "title", "city", "country", "leadScore"]);

    private readonly Random _random = new(seed);

    /// <summary>The planner options that map the five groups to their lists.</summary>
    public static PlannerOptions Options()
    {
        var options = new PlannerOptions();
        for (var g = 0; g < Groups.Length; g++)
        {
            options.ListsByGroup[Groups[g]] = Lists[g];
        }

        return options;
    }

    public List<ExportRequest> Requests { get; } = [];

    /// <summary>The records the service holds, by foreign key, with the lists each is in.</summary>
    public List<RemoteMatch> Remote { get; } = [];

    public void Add(int i, WorkloadShape shape)
    {
        switch (shape)
        {
            case WorkloadShape.Unchanged:
                AddKnown(i, changeField: false);
                break;
            case WorkloadShape.AllNew:
                AddNew(i);
                break;
            default:
                var roll = _random.NextDouble();
                if (roll < DeleteShare)
                {
                    AddDelete(i);
                }
                else if (roll < DeleteShare + NewShare)
                {
                    AddNew(i);
                }
                else
                {
                    AddKnown(i, changeField: true);
                }

                break;
        }
    }

    private void AddKnown(int i, bool changeField)
    {
        var email = Email(i);
        var fields = Fields(i, email);
        var groups = SomeGroups();
        var last = Exported(i, fields, groups);
        var request = new ExportRequest { ProfileKey = ProfileKey(i), ForeignKey = email, Fields = fields, Groups = groups, LastExported = last };
        Remote.Add(new RemoteMatch(email, last.RemoteId!, last.Lists));
        if (!changeField)
        {
            Requests.Add(request);
            return;
        }

        var changed = new Dictionary<string, string?>(fields, StringComparer.Ordinal);
        var roll = _random.NextDouble();
        if (roll < EmailChangeShare)
        {
            var newEmail = $"user{i}.moved@example.org";
            changed["email"] = newEmail;
            request = request with { ForeignKey = newEmail, PreviousForeignKey = email };
        }

        changed[ChangeableFields[_random.Next(ChangeableFields.Length)]] = $"changed {_random.Next(1000)}";
        var newGroups = new HashSet<string>(groups, StringComparer.Ordinal);
        roll = _random.NextDouble();
        if (roll < JoinShare + LeaveShare)
        {
            // Join a mapped group the profile is not in, or leave one it is in; a profile with
            // nowhere to go (in all five, or in none) stays put.
            var joining = roll < JoinShare;
            var start = _random.Next(Groups.Length);
            for (var n = 0; n < Groups.Length; n++)
            {
                var group = Groups[(start + n) % Groups.Length];
                if (joining ? newGroups.Add(group) : newGroups.Remove(group))
                {
                    break;
                }
            }
        }

        Requests.Add(request with { Fields = Layout.Adopt(changed), Groups = newGroups });
    }

    private void AddNew(int i)
    {
        var email = Email(i);
        Requests.Add(new ExportRequest { ProfileKey = ProfileKey(i), ForeignKey = email, Fields = Fields(i, email), Groups = SomeGroups() });
        if (_random.NextDouble() < AlreadyRemoteShare)
        {
            Remote.Add(new RemoteMatch(email, RemoteId(i), FieldValues.NoNames));
        }
    }

    private void AddDelete(int i)
    {
        var email = Email(i);
        ExportedState? last = null;
        if (_random.NextDouble() < KnownDeleteShare)
        {
            last = Exported(i, Fields(i, email), SomeGroups());
            Remote.Add(new RemoteMatch(email, last.RemoteId!, last.Lists));
        }
        else if (_random.NextDouble() < 0.5)
        {
            Remote.Add(new RemoteMatch(email, RemoteId(i), FieldValues.NoNames));
        }

        Requests.Add(new ExportRequest { ProfileKey = ProfileKey(i), ForeignKey = email, Delete = true, LastExported = last });
    }

    private IReadOnlyDictionary<string, string?> Fields(int i, string email)
    {
        var city = _random.Next(Cities.Length);
        return Layout.Adopt(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["email"] = email,
            ["firstName"] = FirstNames[_random.Next(FirstNames.Length)],
            ["lastName"] = LastNames[_random.Next(LastNames.Length)],
            ["company"] = $"Company {i % 997}",
            ["title"] = _random.NextDouble() < 0.2 ? null : Titles[_random.Next(Titles.Length)],
            ["city"] = Cities[city],
            ["country"] = Countries[city],
            ["leadScore"] = _random.Next(100).ToString(CultureInfo.InvariantCulture),
        });
    }

    private HashSet<string> SomeGroups()
    {
        var groups = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < Groups.Length; g++)
        {
            if (_random.NextDouble() < GroupShares[g])
            {
                groups.Add(Groups[g]);
            }
        }

        if (_random.NextDouble() < UnmappedShare)
        {
            groups.Add(UnmappedGroup);
        }

        return groups;
    }

    /// <summary>What Highwater last exported: the same values as fresh strings, and the groups' lists.</summary>
    private static ExportedState Exported(int i, IReadOnlyDictionary<string, string?> fields, HashSet<string> groups)
    {
        var copy = new Dictionary<string, string?>(fields.Count, StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            copy[name] = value is null ? null : new string(value.AsSpan());
        }

        var lists = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < Groups.Length; g++)
        {
            if (groups.Contains(Groups[g]))
            {
                lists.Add(new string(Lists[g].AsSpan()));
            }
        }

        return new ExportedState { RemoteId = RemoteId(i), Fields = Layout.Adopt(copy), Lists = lists };
    }

    private static string ProfileKey(int i) => $"p{i:D6}";

    private static string Email(int i) => $"user{i}@example.com";

    private static string RemoteId(int i) => (1_000_000 + i).ToString(CultureInfo.InvariantCulture);
}
