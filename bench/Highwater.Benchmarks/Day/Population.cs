using System.Collections.Frozen;
using System.Globalization;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Benchmarks.Day;

/// <summary>
/// A million profiles as arrays: what each should look like (a version of its fields, its e-mail,
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

    private readonly int[] _fieldVersion;
    private readonly byte[] _emailVersion;
    private readonly byte[] _groups;
    private readonly bool[] _deleted;
    private readonly bool[] _exported;
    private readonly int[] _exportedFieldVersion;
    private readonly byte[] _exportedEmailVersion;
    private readonly byte[] _exportedGroups;
    private readonly bool[] _remote;
    private readonly byte[] _remoteEmailVersion;
    private readonly IReadOnlySet<string>[] _groupSets = new IReadOnlySet<string>[32];
    private readonly IReadOnlySet<string>[] _listSets = new IReadOnlySet<string>[32];

    public Population(int size, Random random)
    {
        Size = size;
        _fieldVersion = new int[size];
        _emailVersion = new byte[size];
        _groups = new byte[size];
        _deleted = new bool[size];
        _exported = new bool[size];
        _exportedFieldVersion = new int[size];
        _exportedEmailVersion = new byte[size];
        _exportedGroups = new byte[size];
        _remote = new bool[size];
        _remoteEmailVersion = new byte[size];
        for (var i = 0; i < size; i++)
        {
            byte mask = 0;
            for (var g = 0; g < Groups.Length; g++)
            {
                mask |= random.NextDouble() < GroupShares[g] ? (byte)(1 << g) : (byte)0;
            }

            _groups[i] = mask;
            if (random.NextDouble() < 0.9)
            {
                _exported[i] = _remote[i] = true;
                _exportedGroups[i] = mask;
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

    public void Change(int i, double roll, int pick)
    {
        if (_deleted[i])
        {
            _deleted[i] = false;
            _fieldVersion[i]++;
        }
        else if (roll < 0.01)
        {
            _deleted[i] = true;
        }
        else if (roll < 0.03)
        {
            _emailVersion[i]++;
            _fieldVersion[i]++;
        }
        else if (roll < 0.13)
        {
            _groups[i] ^= (byte)(1 << (pick % Groups.Length));
        }
        else
        {
            _fieldVersion[i]++;
        }
    }

    /// <summary>The export request for profile <paramref name="i"/> as it stands.</summary>
    public ExportRequest Request(int i)
    {
        var email = Email(i, _emailVersion[i]);
        return new ExportRequest
        {
            ProfileKey = i.ToString(CultureInfo.InvariantCulture),
            ForeignKey = email,
            PreviousForeignKey = _exported[i] && _exportedEmailVersion[i] != _emailVersion[i] ? Email(i, _exportedEmailVersion[i]) : null,
            Fields = _deleted[i] ? FieldValues.Empty : Fields(i, _fieldVersion[i], email),
            Groups = _groupSets[_groups[i]],
            Delete = _deleted[i],
            LastExported = _exported[i]
                ? new ExportedState
                {
                    RemoteId = RemoteId(i),
                    Fields = Fields(i, _exportedFieldVersion[i], _exportedEmailVersion[i] == _emailVersion[i] ? email : Email(i, _exportedEmailVersion[i])),
                    Lists = _listSets[_exportedGroups[i]],
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
            if (i >= 0 && i < Size && _remote[i] && _remoteEmailVersion[i] == version)
            {
                yield return new RemoteMatch(email, RemoteId(i));
            }
        }
    }

    /// <summary>The batch's plan was carried out: the service and Highwater's remote state now hold each request's state.</summary>
    public void Apply(ExportRequest request, Disposition disposition)
    {
        var i = int.Parse(request.ProfileKey, CultureInfo.InvariantCulture);
        switch (disposition)
        {
            case Disposition.Deleted or Disposition.AlreadyAbsent:
                _remote[i] = _exported[i] = false;
                break;
            case Disposition.Written or Disposition.MembershipsOnly or Disposition.Unchanged:
                var (_, emailVersion) = ParseEmail(request.ForeignKey);
                var version = request.Fields.TryGetValue("score", out var score) ? int.Parse(score!, CultureInfo.InvariantCulture) : _exportedFieldVersion[i];
                _remote[i] = _exported[i] = true;
                _remoteEmailVersion[i] = _exportedEmailVersion[i] = (byte)emailVersion;
                _exportedFieldVersion[i] = version;
                _exportedGroups[i] = Mask(request.Groups);
                break;
        }
    }

    private static byte Mask(IReadOnlySet<string> groups)
    {
        byte mask = 0;
        for (var g = 0; g < Groups.Length; g++)
        {
            mask |= groups.Contains(Groups[g]) ? (byte)(1 << g) : (byte)0;
        }

        return mask;
    }

    // Two mapped fields keep the day's millions of requests cheap to build; the planner's cost
    // depends on which records change, not on how many fields they carry.
    private static Dictionary<string, string?> Fields(int i, int version, string email) => new(2, StringComparer.Ordinal)
    {
        ["email"] = email,
        ["score"] = version.ToString(CultureInfo.InvariantCulture),
    };

    private static string Email(int i, byte version) => string.Create(CultureInfo.InvariantCulture, $"u{i}.{version}@example.com");

    private static (int Index, int Version) ParseEmail(string email)
    {
        var dot = email.IndexOf('.', StringComparison.Ordinal);
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return (int.Parse(email.AsSpan(1, dot - 1), CultureInfo.InvariantCulture), int.Parse(email.AsSpan(dot + 1, at - dot - 1), CultureInfo.InvariantCulture));
    }

    private static string RemoteId(int i) => (i + 1).ToString(CultureInfo.InvariantCulture);
}
