using Highwater.Simulators.Hosting;

namespace Highwater.Simulators.Salesforce;

/// <summary>
/// A local stand-in for one Salesforce org's REST API on 127.0.0.1: the OAuth client-credentials
/// token endpoint, SOQL query (with <c>nextRecordsUrl</c> paging), sObject Collections create,
/// update and delete, and single-record create; Contacts, Campaigns and CampaignMembers with
/// 18-character ids; the 200-record collection limit, the rolling 24-hour API allocation with
/// <c>Sforce-Limit-Info</c> on every answer and REQUEST_LIMIT_EXCEEDED when it is spent; session
/// expiry with INVALID_SESSION_ID; per-record errors as Salesforce words them. Tests drive it
/// in-process; anything else through the <c>/_sim/</c> endpoints.
/// </summary>
public sealed partial class SalesforceSimulator : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly SalesforceSimulatorOptions _options;
    private readonly SalesforceOrg _org;
    private readonly CallLimiter _limiter;
    private readonly CallCounter _counter = new();
    private readonly FaultInjector _faults;
    private readonly Dictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueryCursor> _cursors = new(StringComparer.Ordinal);
    private long _tokens;
    private SimulatorHost? _host;

    private SalesforceSimulator(SalesforceSimulatorOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DailyApiRequests, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxCollectionRecords, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueryBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.SessionLifetime, TimeSpan.Zero);
        _options = options;
        _time = options.TimeProvider ?? TimeProvider.System;
        _org = new SalesforceOrg(new ContactSchema(options.CustomContactFields));
        // The org's API requests in the rolling last 24 hours, against its allocation; a refused one is not counted.
        _limiter = new CallLimiter(new CallLimits { DailyQuota = options.DailyApiRequests });
        _faults = new FaultInjector(options.RandomSeed);
    }

    /// <summary>Where the simulator answers, e.g. <c>http://127.0.0.1:41234/</c>: both the login and the instance URL.</summary>
    public Uri BaseAddress => _host?.BaseAddress ?? throw new InvalidOperationException("not started");

    /// <summary>API requests counted in the rolling last 24 hours.</summary>
    public long ApiUsage
    {
        get
        {
            return _limiter.UsedToday(_time.GetUtcNow());
        }
    }

    /// <summary>Starts a simulator.</summary>
    public static async Task<SalesforceSimulator> StartAsync(SalesforceSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var simulator = new SalesforceSimulator(options);
        simulator._host = await SimulatorHost.StartAsync(options.Port, simulator.Map, options.Logging, cancellationToken).ConfigureAwait(false);
        return simulator;
    }

    /// <summary>Puts campaigns and Contacts in the org, keeping given ids.</summary>
    /// <exception cref="ArgumentException">An id that is not a Contact id, or a field Contact does not have.</exception>
    public SalesforceSeedResult Seed(SalesforceSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        lock (_lock)
        {
            var names = new List<string>(seed.Lists);
            names.AddRange(seed.Records.SelectMany(r => r.Lists).Where(n => !names.Contains(n, StringComparer.OrdinalIgnoreCase)));
            var campaigns = names.Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(n => _org.CampaignsNamed(n).FirstOrDefault() ?? _org.AddCampaign(n))
                .ToList();
            var records = new List<SalesforceSeededRecord>(seed.Records.Count);
            foreach (var record in seed.Records)
            {
                records.Add(SeedContact(record));
            }

            return new SalesforceSeedResult(records, [.. campaigns.Select(c => new SalesforceListInfo(c.Id, c.Name))]);
        }
    }

    /// <summary>Everything the org holds.</summary>
    public SalesforceState GetState()
    {
        lock (_lock)
        {
            var records = _org.Contacts.Values.OrderBy(c => c.Seq).Select(c => new SalesforceStateRecord(
                c.Id,
                c.Email,
                c.Fields.Where(f => !f.Key.Equals("Email", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(f.Value))
                    .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal),
                [.. _org.MembersOf(c.Id).Select(m => _org.Campaigns[m.CampaignId].Name)])).ToList();
            return new SalesforceState(records, [.. _org.Campaigns.Values.OrderBy(c => c.Seq).Select(c => new SalesforceListInfo(c.Id, c.Name))]);
        }
    }

    /// <summary>Requests answered so far, by kind.</summary>
    public SalesforceCounts GetCounts()
    {
        var counts = _counter.Snapshot();
        return new SalesforceCounts(counts.ByKind, counts.RateLimitRejections, counts.RecordRejections, counts.Total);
    }

    /// <summary>Sets faults; an absent field leaves that fault as it is.</summary>
    public void InjectFaults(SalesforceFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        InjectFaults(new CommonFaults
        {
            ServerErrorRate = faults.ServerErrorRate,
            SlowMillis = faults.SlowMillis,
            DropRate = faults.DropRate,
            ExpireTokens = faults.ExpireTokens,
            RefuseCredentials = faults.RefuseCredentials,
            SpentToday = faults.SpentToday,
        });
    }

    private void InjectFaults(CommonFaults faults)
    {
        _faults.Set(faults);
        lock (_lock)
        {
            if (faults.ExpireTokens == true || _faults.RefuseCredentials)
            {
                _sessions.Clear();
            }
        }

        if (faults.SpentToday is > 0)
        {
            // Spent just now: they count in the rolling 24 hours.
            _limiter.AddSpent(faults.SpentToday.Value, _time.GetUtcNow());
        }
    }

    /// <summary>Empties the org and clears counts, sessions, usage and faults.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _org.Clear();
            _sessions.Clear();
            _cursors.Clear();
            _counter.Reset();
            _limiter.Reset();
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

    private SalesforceSeededRecord SeedContact(SalesforceSeedRecord record)
    {
        string id;
        if (record.Id is null)
        {
            id = _org.NewId(SalesforceIds.ContactPrefix);
        }
        else
        {
            id = SalesforceIds.Normalize(record.Id) is { } normal && normal.StartsWith(SalesforceIds.ContactPrefix, StringComparison.Ordinal)
                ? normal
                : throw new ArgumentException($"seed record id '{record.Id}' is not a Contact id (15 or 18 letters and digits starting 003)", nameof(record));
            _org.Deleted.Remove(id);
        }

        if (!_org.Contacts.TryGetValue(id, out var contact))
        {
            contact = new ContactRecord(id, _org.NextSeq());
            _org.Contacts[id] = contact;
        }

        foreach (var (name, value) in record.Fields)
        {
            var spec = _org.Schema.Find(name) ?? throw new ArgumentException($"seed record '{record.Email}': Contact has no field '{name}'", nameof(record));
            contact.Fields[spec.Name] = value;
        }

        if (record.Email is not null)
        {
            contact.Fields["Email"] = record.Email;
        }

        foreach (var name in record.Lists)
        {
            var campaign = _org.CampaignsNamed(name).First();
            if (!_org.MembersOf(id).Any(m => m.CampaignId == campaign.Id))
            {
                _org.AddMember(campaign.Id, id);
            }
        }

        return new SalesforceSeededRecord(id, contact.Email);
    }

    private void Count(string kind) => _counter.Count(kind);

    private sealed record QueryCursor(string Kind, string Version, List<System.Text.Json.Nodes.JsonObject> Rows);
}
