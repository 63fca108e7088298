using System.Globalization;
using Highwater.Simulators.Hosting;

namespace Highwater.Simulators.HubSpot;

/// <summary>
/// A local stand-in for one HubSpot account on 127.0.0.1: CRM v3 contacts (<c>batch/read</c> by id
/// or e-mail, <c>batch/upsert</c> by e-mail, <c>batch/create</c>, <c>batch/update</c>,
/// <c>batch/archive</c>, <c>search</c>), contact properties, and Lists v3 (by name, create,
/// <c>add-and-remove</c>, memberships). A private app's Bearer token, or OAuth access tokens from
/// <c>POST /oauth/v1/token</c> that run out after 30 minutes; the tier's rolling 10-second
/// limit, the daily limit from midnight in the account's zone and search's per-second limit, each
/// answered 429 with its <c>policyName</c>, and the <c>X-HubSpot-RateLimit-*</c> headers on every
/// answer but search's. Admin endpoints under <c>/_sim/</c>.
/// </summary>
public sealed partial class HubSpotSimulator : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly HubSpotSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeZoneInfo _zone;
    private readonly int _tenSecondLimit;
    private readonly long _dailyLimit;
    private readonly Dictionary<string, HubSpotContact> _contacts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HubSpotSimList> _lists = new(StringComparer.Ordinal);

    // OAuth access tokens issued, with when each runs out.
    private readonly Dictionary<string, DateTimeOffset> _oauthTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _properties = new(StringComparer.Ordinal);
    private readonly CallCounter _counter = new("lookup", "upsert", "create", "update", "delete", "listUpdate");
    private readonly FaultInjector _faults;
    private readonly CallLimiter _limiter;
    private readonly CallLimiter _searchLimiter;

    // The 10-second window's requests as the X-HubSpot-RateLimit-Remaining header reports them (the limiter enforces it).
    private readonly Queue<DateTimeOffset> _burst = new();
    private long _nextContact = 151;
    private long _nextList = 41;
    private long _nextCorrelation = 1;
    private SimulatorHost? _host;

    private HubSpotSimulator(HubSpotSimulatorOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SearchPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatch, 1);
        (_tenSecondLimit, _dailyLimit) = options.Limits();
        if (_tenSecondLimit < 1 || _dailyLimit < 1)
        {
            throw new ArgumentException("TenSecondLimit and DailyLimit must be at least 1", nameof(options));
        }

        _options = options;
        _time = options.TimeProvider ?? TimeProvider.System;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        _faults = new FaultInjector(options.RandomSeed);

        // A request refused with 429 counts toward neither the window nor the day.
        _limiter = new CallLimiter(new CallLimits
        {
            Windows = [(_tenSecondLimit, BurstWindow)],
            DailyQuota = _dailyLimit,
            DailyZone = _zone,
        });
        _searchLimiter = new CallLimiter(new CallLimits { Windows = [(options.SearchPerSecond, TimeSpan.FromSeconds(1))] });
        _properties.UnionWith(options.Properties);
    }

    /// <summary>Where the simulator answers, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress => _host?.BaseAddress ?? throw new InvalidOperationException("the simulator is not started");

    /// <summary>Starts a simulator.</summary>
    public static async Task<HubSpotSimulator> StartAsync(HubSpotSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var simulator = new HubSpotSimulator(options);
        simulator._host = await SimulatorHost.StartAsync(options.Port, simulator.Map, options.Logging, cancellationToken).ConfigureAwait(false);
        return simulator;
    }

    /// <summary>Puts properties, lists and contacts in the account, keeping given ids.</summary>
    /// <exception cref="ArgumentException">An id that is not digits.</exception>
    public HubSpotState Seed(HubSpotSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        lock (_lock)
        {
            _properties.UnionWith(seed.Properties);
            foreach (var name in seed.Lists.Concat(seed.Records.SelectMany(r => r.Lists)))
            {
                _ = ListNamed(name) ?? AddList(name, "MANUAL");
            }

            foreach (var name in seed.DynamicLists)
            {
                _ = ListNamed(name) ?? AddList(name, "DYNAMIC");
            }

            foreach (var record in seed.Records)
            {
                if (record.Id is { } given && (given.Length == 0 || !given.All(char.IsAsciiDigit)))
                {
                    throw new ArgumentException($"seed record id '{given}' is not a HubSpot record id (digits)", nameof(seed));
                }

                var contact = ContactByEmail(record.Email) ?? AddContact(record.Id ?? NextContactId());
                contact.Properties["email"] = record.Email;
                foreach (var (name, value) in record.Fields)
                {
                    _properties.Add(name);
                    Set(contact, name, value);
                }

                foreach (var name in record.Lists)
                {
                    ListNamed(name)!.Members[contact.Id] = _time.GetUtcNow();
                }
            }

            return StateLocked();
        }
    }

    /// <summary>Everything the account holds.</summary>
    public HubSpotState GetState()
    {
        lock (_lock)
        {
            return StateLocked();
        }
    }

    /// <summary>Requests answered so far, by kind.</summary>
    public HubSpotCounts GetCounts()
    {
        var counts = _counter.Snapshot();
        return new HubSpotCounts(counts.ByKind, counts.RateLimitRejections, counts.RecordRejections, counts.Total);
    }

    /// <summary>Sets faults; an absent field leaves that fault as it is.</summary>
    public void SetFaults(HubSpotFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        SetFaults(
            new CommonFaults
            {
                ServerErrorRate = faults.ServerErrorRate,
                SlowMillis = faults.SlowMillis,
                DropRate = faults.DropRate,
                ExpireTokens = faults.ExpireTokens,
                RefuseCredentials = faults.RefuseCredentials,
                SpentToday = faults.SpentToday,
            },
            faults.SpentTenSeconds);
    }

    /// <summary>Empties the account and clears counts, limits and faults. Issued OAuth tokens stay valid.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _contacts.Clear();
            _lists.Clear();
            _properties.Clear();
            _properties.UnionWith(_options.Properties);
            _burst.Clear();
            _limiter.Reset();
            _searchLimiter.Reset();
        }

        _counter.Reset();
        _faults.Reset();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }
    }

    private HubSpotState StateLocked()
    {
        var lists = _lists.Values.OrderBy(l => long.Parse(l.Id, CultureInfo.InvariantCulture)).ToList();
        var records = _contacts.Values.OrderBy(c => c.CreatedAt).ThenBy(c => long.Parse(c.Id, CultureInfo.InvariantCulture)).Select(c => new HubSpotStateRecord(
            c.Id,
            c.Email ?? "",
            c.Properties.Where(p => p.Value.Length > 0).ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal),
            [.. lists.Where(l => l.Members.ContainsKey(c.Id)).Select(l => l.Name)])).ToList();
        return new HubSpotState(records, [.. lists.Select(l => new HubSpotListInfo(l.Id, l.Name, l.ProcessingType))]);
    }

    private string NextContactId()
    {
        while (_contacts.ContainsKey(_nextContact.ToString(CultureInfo.InvariantCulture)))
        {
            _nextContact++;
        }

        return (_nextContact++).ToString(CultureInfo.InvariantCulture);
    }

    private HubSpotContact AddContact(string id)
    {
        var contact = new HubSpotContact(id, _time.GetUtcNow());
        _contacts[id] = contact;
        return contact;
    }

    private static void Set(HubSpotContact contact, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            contact.Properties.Remove(name);
        }
        else
        {
            contact.Properties[name] = value;
        }
    }

    private HubSpotContact? ContactByEmail(string? email) =>
        email is null ? null : _contacts.Values.FirstOrDefault(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase));

    private HubSpotSimList AddList(string name, string processingType)
    {
        var list = new HubSpotSimList((_nextList++).ToString(CultureInfo.InvariantCulture), name, processingType, _time.GetUtcNow());
        _lists[list.Id] = list;
        return list;
    }

    private HubSpotSimList? ListNamed(string name) =>
        _lists.Values.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));

    private void Count(string kind) => _counter.Count(kind);

    private string CorrelationId() => string.Create(CultureInfo.InvariantCulture, $"{_nextCorrelation++:x8}-5a1e-4b0c-8d2f-000000000000");

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
