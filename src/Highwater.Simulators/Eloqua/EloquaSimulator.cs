using System.Globalization;
using Highwater.Simulators.Hosting;

namespace Highwater.Simulators.Eloqua;

/// <summary>
/// A local stand-in for one Oracle Eloqua instance on 127.0.0.1: the login service's <c>GET /id</c>
/// (pod discovery), REST 1.0 contacts (search by e-mail, update, delete) and contact lists (search,
/// create, <c>membershipAdditions</c>/<c>membershipDeletions</c>), REST 2.0 contact membership, and
/// Bulk API 2.0 contact imports and sync actions: definitions, staging uploads, syncs that stay
/// <c>pending</c> and <c>active</c> for a settable number of polls before <c>success</c>,
/// <c>warning</c> or <c>error</c>, and their logs and per-row rejects. Basic authentication
/// (<c>Company\User:Password</c>); the Bulk API's hourly sync limits, a REST rate window and an
/// optional daily call limit answered 429. Admin endpoints under <c>/_sim/</c>.
/// </summary>
public sealed partial class EloquaSimulator : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly CallLimiter _limiter;
    private readonly CallCounter _counter = new();
    private readonly FaultInjector _faults;
    private readonly EloquaSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, EloquaContact> _contacts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EloquaList> _lists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EloquaDefinition> _definitions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, EloquaSync> _syncs = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _importSyncs = new();
    private readonly Queue<DateTimeOffset> _actionSyncs = new();
    private readonly Queue<DateTimeOffset> _exportSyncs = new();
    private long _nextContact = 1986200;
    private long _nextList = 6100;
    private long _nextDefinition = 1300;
    private long _nextSync = 1100;
    private int _syncPolls;
    private int _failSyncs;
    private SimulatorHost? _host;

    private EloquaSimulator(EloquaSimulatorOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ImportSyncsPerHour, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SyncActionSyncsPerHour, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxStagingBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDefinitionFields, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RestRateWindow, TimeSpan.Zero);
        if (options.DailyCallLimit is < 1 || options.RestRateLimit is < 1)
        {
            throw new ArgumentException("DailyCallLimit and RestRateLimit must be at least 1 when set", nameof(options));
        }

        if (!options.Fields.ContainsKey("emailAddress"))
        {
            throw new ArgumentException("the fields must include emailAddress", nameof(options));
        }

        _options = options;
        _time = options.TimeProvider ?? TimeProvider.System;
        _faults = new FaultInjector(options.RandomSeed);
        _limiter = new CallLimiter(new CallLimits
        {
            Windows = options.RestRateLimit is { } rate ? [(rate, options.RestRateWindow)] : [],
            DailyQuota = options.DailyCallLimit,
            DailyZone = TimeZoneInfo.FindSystemTimeZoneById(options.DailyTimeZone),
        });
    }

    /// <summary>Where the simulator answers, e.g. <c>http://127.0.0.1:41234/</c>: the login service and the pod alike.</summary>
    public Uri BaseAddress => _host?.BaseAddress ?? throw new InvalidOperationException("the simulator is not started");

    /// <summary>Starts a simulator.</summary>
    public static async Task<EloquaSimulator> StartAsync(EloquaSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var simulator = new EloquaSimulator(options);
        simulator._host = await SimulatorHost.StartAsync(options.Port, simulator.Map, options.Logging, cancellationToken).ConfigureAwait(false);
        return simulator;
    }

    /// <summary>Puts contact lists and contacts in the instance, keeping given ids.</summary>
    /// <exception cref="ArgumentException">An id that is not digits, or a field the instance does not know.</exception>
    public EloquaState Seed(EloquaSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        lock (_lock)
        {
            foreach (var name in seed.Lists.Concat(seed.Records.SelectMany(r => r.Lists)))
            {
                _ = ListNamed(name) ?? AddList(name);
            }

            foreach (var record in seed.Records)
            {
                if (record.Id is { } given && (given.Length == 0 || !given.All(char.IsAsciiDigit)))
                {
                    throw new ArgumentException($"seed record id '{given}' is not an Eloqua contact id (digits)", nameof(seed));
                }

                var contact = ContactByEmail(record.Email)
                    ?? AddContact(record.Id ?? NextContactId());
                contact.Fields["emailAddress"] = record.Email;
                foreach (var (name, value) in record.Fields)
                {
                    var field = _options.Fields.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                        ?? throw new ArgumentException($"seed record '{record.Email}': contacts have no field '{name}'", nameof(seed));
                    contact.Fields[field] = string.Equals(field, "emailAddress", StringComparison.OrdinalIgnoreCase) ? record.Email : value;
                }

                foreach (var name in record.Lists)
                {
                    ListNamed(name)!.Members.Add(contact.Id);
                }
            }

            return StateLocked();
        }
    }

    /// <summary>Everything the instance holds.</summary>
    public EloquaState GetState()
    {
        lock (_lock)
        {
            return StateLocked();
        }
    }

    /// <summary>Requests answered so far, by kind.</summary>
    public EloquaCounts GetCounts()
    {
        lock (_lock)
        {
            var counts = _counter.Snapshot();
            return new EloquaCounts(counts.ByKind, counts.RateLimitRejections, counts.RecordRejections, counts.Total);
        }
    }

    /// <summary>Sets faults; an absent field leaves that fault as it is.</summary>
    public void SetFaults(EloquaFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        lock (_lock)
        {
            _faults.Set(new CommonFaults { ServerErrorRate = faults.ServerErrorRate, DropRate = faults.DropRate, SlowMillis = faults.SlowMillis, RefuseCredentials = faults.RefuseCredentials });
            _syncPolls = Math.Max(0, faults.SyncPolls ?? _syncPolls);
            _failSyncs = Math.Max(0, faults.FailSyncs ?? _failSyncs);
            if (faults.SpentToday is > 0)
            {
                _limiter.AddSpent(faults.SpentToday.Value, _time.GetUtcNow());
            }
        }
    }

    /// <summary>Empties the instance and clears counts, limits and faults.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _contacts.Clear();
            _lists.Clear();
            _definitions.Clear();
            _syncs.Clear();
            _counter.Reset();
            _importSyncs.Clear();
            _actionSyncs.Clear();
            _exportSyncs.Clear();
            _limiter.Reset();
            _syncPolls = 0;
            _failSyncs = 0;
            _faults.Reset();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }
    }

    private EloquaState StateLocked()
    {
        var records = _contacts.Values.OrderBy(c => c.CreatedAt).ThenBy(c => long.Parse(c.Id, CultureInfo.InvariantCulture)).Select(c => new EloquaStateRecord(
            c.Id,
            c.Email,
            c.Fields.Where(f => !string.IsNullOrEmpty(f.Value)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal),
            [.. _lists.Values.Where(l => l.Members.Contains(c.Id)).OrderBy(l => l.CreatedAt).Select(l => l.Name)])).ToList();
        return new EloquaState(records, [.. _lists.Values.OrderBy(l => long.Parse(l.Id, CultureInfo.InvariantCulture)).Select(l => new EloquaListInfo(l.Id, l.Name))]);
    }

    private string NextContactId()
    {
        while (_contacts.ContainsKey(_nextContact.ToString(CultureInfo.InvariantCulture)))
        {
            _nextContact++;
        }

        return (_nextContact++).ToString(CultureInfo.InvariantCulture);
    }

    private EloquaContact AddContact(string id)
    {
        var contact = new EloquaContact(id, _time.GetUtcNow().ToUnixTimeSeconds());
        _contacts[id] = contact;
        return contact;
    }

    private EloquaContact? ContactByEmail(string email) =>
        _contacts.Values.FirstOrDefault(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase));

    private EloquaList AddList(string name)
    {
        var list = new EloquaList((_nextList++).ToString(CultureInfo.InvariantCulture), name, _time.GetUtcNow().ToUnixTimeSeconds());
        _lists[list.Id] = list;
        return list;
    }

    private EloquaList? ListNamed(string name) =>
        _lists.Values.OrderBy(l => l.CreatedAt).FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));

    private void Count(string kind) => _counter.Count(kind);

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Unix(long seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
