using System.Collections.Frozen;
using System.Globalization;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Benchmarks.Day;

/// <summary>
/// A million profiles, one <see cref="ProfileState"/> each: what each should look like (a version of its fields, its e-mail,
/// five groups, deleted or not), what Highwater last exported for it, and what the service holds.
/// At the start 90% are exported and in step; 10% were never exported. A change is, per profile:
/// 1% a delete (a deleted profile's next change brings it back), 2% a new e-mail, 10% joining or
/// leaving one group, otherwise a changed field.
/// </summary>
internal sealed class Population
{
    public static readonly string[] Groups = ["newsletter", "customers", "trial", "webinar-2025", "vip"];
    private static readonly string[] Lists = ["Newsletter", "Customers", "Trial users", "Webinar 2025", "VIP"];
    private static readonly double[] GroupShares = [0.50, 0.30, 0.20, 0.10, 0.05];

    // Versions up to this many get a cached string: a profile changes a few hundred times a day at most.
    private const int CachedVersions = 4096;
    private static readonly string[] VersionText = [.. Enumerable.Range(0, CachedVersions).Select(v => v.ToString(CultureInfo.InvariantCulture))];

    private readonly ProfileState[] _profiles;
    private readonly IReadOnlySet<string>[] _groupSets = new IReadOnlySet<string>[32];
    private readonly IReadOnlySet<string>[] _listSets = new IReadOnlySet<string>[32];

    public Population(int size, DayRandom random)
    {
        Size = size;
        _profiles = new ProfileState[size];
        for (var i = 0; i < size; i++)
        {
            byte mask = 0;
            for (var g = 0; g < Groups.Length; g++)
            {
                mask |= random.NextDouble() < GroupShares[g] ? (byte)(1 << g) : (byte)0;
            }

            ref var p = ref _profiles[i];
            p.Groups = mask;
            if (random.NextDouble() < 0.9)
            {
                p.Exported = p.Remote = true;
                p.ExportedGroups = mask;
            }
        }

        for (var mask = 0; mask < 32; mask++)
        {
            _groupSets[mask] = Enumerable.Range(0, Groups.Length).Where(g => (mask & (1 << g)) != 0).Select(g => Groups[g]).ToFrozenSet(StringComparer.Ordinal);
            _listSets[mask] = Enumerable.Range(0, Lists.Length).Where(g => (mask & (1 << g)) != 0).Select(g => Lists[g]).ToFrozenSet(StringComparer.Ordinal);
        }
    }

    public int Size { get; }

    public static PlannerOptions PlannerOptions()
    {
        var options = new PlannerOptions();
        for (var g = 0; g < Groups.Length; g++)
        {
            options.ListsByGroup[Groups[g]] = Lists[g];
        }

        return options;
    }

    /// <summary>One change to profile <paramref name="i"/>, chosen by <paramref name="roll"/> (uniform in [0, 1)).</summary>
    public void Change(int i, double roll)
    {
        ref var p = ref _profiles[i];
        if (p.Deleted)
        {
            p.Deleted = false;
            p.FieldVersion++;
        }
        else if (roll < 0.01)
        {
            p.Deleted = true;
        }
        else if (roll < 0.03)
        {
            p.EmailVersion++;
            p.FieldVersion++;
        }
        else if (roll < 0.13)
        {
            p.Groups ^= (byte)(1 << ((int)(roll * 1e6) % Groups.Length));
        }
        else
        {
            p.FieldVersion++;
        }
    }

    /// <summary>The export request for profile <paramref name="i"/> as it stands.</summary>
    public ExportRequest Request(int i)
    {
        ref readonly var p = ref _profiles[i];
        var email = Email(i, p.EmailVersion);
        return new ExportRequest
        {
            ProfileKey = Key(i),
            ForeignKey = email,
            PreviousForeignKey = p.Exported && p.ExportedEmailVersion != p.EmailVersion ? Email(i, p.ExportedEmailVersion) : null,
            Fields = p.Deleted ? FieldValues.Empty : Fields(p.FieldVersion, email),
            Groups = _groupSets[p.Groups],
            Delete = p.Deleted,
            LastExported = p.Exported
                ? new ExportedState
                {
                    RemoteId = Key(i + 1),
                    Fields = Fields(p.ExportedFieldVersion, p.ExportedEmailVersion == p.EmailVersion ? email : Email(i, p.ExportedEmailVersion)),
                    Lists = _listSets[p.ExportedGroups],
                }
                : null,
        };
    }

    /// <summary>The service's lookup by e-mail (Marketo's answers no memberships).</summary>
    public IEnumerable<RemoteMatch> Lookup(IReadOnlyList<string> emails)
    {
        foreach (var email in emails)
        {
            var (i, version) = ParseEmail(email);
            if (i >= 0 && i < Size && _profiles[i].Remote && _profiles[i].RemoteEmailVersion == version)
            {
                yield return new RemoteMatch(email, Key(i + 1));
            }
        }
    }

    /// <summary>
    /// Profile <paramref name="i"/>'s part of a batch was carried out: the service and Highwater's
    /// remote state now hold its state as requested (the batch's requests are built, planned and
    /// applied at one instant, so that is its state now).
    /// </summary>
    public void Apply(int i, Disposition disposition)
    {
        ref var p = ref _profiles[i];
        switch (disposition)
        {
            case Disposition.Deleted or Disposition.AlreadyAbsent:
                p.Remote = p.Exported = false;
                break;
            case Disposition.Written or Disposition.MembershipsOnly or Disposition.Unchanged:
                p.Remote = p.Exported = true;
                p.RemoteEmailVersion = p.ExportedEmailVersion = p.EmailVersion;
                p.ExportedFieldVersion = p.FieldVersion;
                p.ExportedGroups = p.Groups;
                break;
        }
    }

    // Two mapped fields keep the day's millions of requests cheap to build; the planner's cost
    // depends on which records change, not on how many fields they carry.
    private static Dictionary<string, string?> Fields(int version, string email) => new(2, StringComparer.Ordinal)
    {
        ["email"] = email,
        ["score"] = version < CachedVersions ? VersionText[version] : version.ToString(CultureInfo.InvariantCulture),
    };

    private static string Key(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Email(int i, byte version) => string.Create(CultureInfo.InvariantCulture, $"u{i}.{version}@example.com");

    private static (int Index, int Version) ParseEmail(string email)
    {
        var dot = email.IndexOf('.', StringComparison.Ordinal);
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return (int.Parse(email.AsSpan(1, dot - 1), CultureInfo.InvariantCulture), int.Parse(email.AsSpan(dot + 1, at - dot - 1), CultureInfo.InvariantCulture));
    }
}
