using System.Globalization;
using Highwater.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Pardot;

/// <summary>
/// A local stand-in for one Pardot (Account Engagement) business unit on 127.0.0.1: the Salesforce
/// OAuth token endpoint; API v4 prospects (read by e-mail or id, batchUpsert of up to 50 with
/// <c>list_&lt;id&gt;</c> memberships and per-index errors, delete, query), lists and list memberships;
/// and the v5 Import API (create, CSV batches, Ready, Waiting → Running → Complete on its clock,
/// an errors file). Every API request needs the bearer token and <c>Pardot-Business-Unit-Id</c>
/// (codes 184, 181, 201); five may be in flight (code 66) and the day's calls are capped (code
/// 122). Admin endpoints under <c>/_sim/</c> seed it, show its state and counts, inject faults and
/// reset it.
/// </summary>
public sealed partial class PardotSimulator : IAsyncDisposable
{
    private readonly PardotSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeZoneInfo _zone;
    private readonly PardotStore _store = new();
    private readonly CallLimiter _limiter;
    private readonly CallCounter _counter = new("lookup", "delete", "upsert", "import");
    private readonly PardotFields _fields;
    private readonly FaultInjector _faults;
    private readonly Dictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);
    private readonly List<DateTimeOffset> _importBatchTimes = [];
    private SimulatorHost? _host;

    private PardotSimulator(PardotSimulatorOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(options.QuotaTimeZone);
        // Refused calls are not counted: Salesforce does not say whether they are, and counting them
        // would let a client locked out by code 122 never get back in.
        _limiter = new CallLimiter(new CallLimits { MaxConcurrent = options.MaxConcurrent, DailyQuota = options.DailyQuota, DailyZone = _zone });
        _fields = new PardotFields(options.CustomFields);
        _faults = new FaultInjector(options.RandomSeed);
    }

    /// <summary>Where the simulator answers, e.g. <c>http://127.0.0.1:41234/</c>: the token endpoint and the API alike.</summary>
    public Uri BaseAddress => _host?.BaseAddress ?? throw new InvalidOperationException("the simulator is not started");

    /// <summary>The business unit id requests must send.</summary>
    public string BusinessUnitId => _options.BusinessUnitId;

    /// <summary>API requests holding a concurrency slot now (tests use it to fill the slots).</summary>
    public int InFlight => _limiter.InFlight;

    /// <summary>API calls counted today against the daily quota.</summary>
    public long UsedToday => _limiter.UsedToday(_time.GetUtcNow());

    /// <summary>Starts a simulator with <paramref name="options"/> (copied; later changes have no effect).</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names every problem.</exception>
    public static async Task<PardotSimulator> StartAsync(PardotSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var simulator = new PardotSimulator(Validate(options));
        simulator._host = await SimulatorHost.StartAsync(simulator._options.Port, simulator.Map, simulator._options.Logging, cancellationToken).ConfigureAwait(false);
        return simulator;
    }

    /// <summary>The faults in force.</summary>
    public PardotFaults Faults => new()
    {
        ServerErrorRate = _faults.ServerErrorRate,
        SlowMillis = _faults.SlowMillis,
        DropRate = _faults.DropRate,
        RefuseCredentials = _faults.RefuseCredentials,
    };

    /// <summary>Changes the faults named in <paramref name="faults"/>; the others stay as they are.</summary>
    public void SetFaults(PardotFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        SetFaults(new CommonFaults
        {
            ServerErrorRate = faults.ServerErrorRate,
            SlowMillis = faults.SlowMillis,
            DropRate = faults.DropRate,
            ExpireTokens = faults.ExpireTokens,
            RefuseCredentials = faults.RefuseCredentials,
            SpentToday = faults.SpentToday,
        });
    }

    private void SetFaults(CommonFaults faults)
    {
        _faults.Set(faults);

        if (faults.ExpireTokens == true || faults.RefuseCredentials == true)
        {
            lock (_sessions)
            {
                _sessions.Clear();
            }
        }

        if (faults.SpentToday is { } spent)
        {
            _limiter.SetSpentToday(spent, _time.GetUtcNow());
        }
    }

    /// <summary>The requests received so far.</summary>
    public PardotCallCounts GetCounts()
    {
        var counts = _counter.Snapshot();
        return new PardotCallCounts(counts.ByKind, counts.RateLimitRejections, counts.RecordRejections, counts.Total);
    }

    /// <summary>Clears prospects, lists, imports, counts, faults and the day's usage. Sessions stay valid.</summary>
    public void Reset()
    {
        lock (_store.Gate)
        {
            _store.Clear();
            _importBatchTimes.Clear();
        }

        _counter.Reset();
        _limiter.Reset();
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

    private static PardotSimulatorOptions Validate(PardotSimulatorOptions o)
    {
        var problems = new OptionProblems("Pardot");

        problems.AtLeastOne(nameof(o.DailyQuota), o.DailyQuota);
        problems.AtLeastOne(nameof(o.MaxConcurrent), o.MaxConcurrent);
        problems.AtLeastOne(nameof(o.MaxBatch), o.MaxBatch);
        problems.AtLeastOne(nameof(o.MaxImportBatches), o.MaxImportBatches);
        problems.AtLeastOne(nameof(o.MaxImportBatchBytes), o.MaxImportBatchBytes);
        problems.AtLeastOne(nameof(o.MaxImportBatchesPerDay), o.MaxImportBatchesPerDay);
        problems.AtLeastOne(nameof(o.MaxListsPerImportRow), o.MaxListsPerImportRow);
        problems.AtLeastOne(nameof(o.SessionLifetime) + " (seconds)", o.SessionLifetime.TotalSeconds);
        problems.Port(nameof(o.Port), o.Port);

        if (o.LimitStatus is < 200 or > 599)
        {
            problems.Add($"{nameof(o.LimitStatus)}: must be an HTTP status (was {o.LimitStatus})");
        }

        if (o.ImportWaiting < TimeSpan.Zero || o.ImportRunning < TimeSpan.Zero)
        {
            problems.Add($"{nameof(o.ImportWaiting)}, {nameof(o.ImportRunning)}: must not be negative");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(o.QuotaTimeZone, out _))
        {
            problems.Add($"{nameof(o.QuotaTimeZone)}: unknown time zone '{o.QuotaTimeZone}'");
        }

        problems.ThrowIfAny(nameof(o));

        var copy = new PardotSimulatorOptions
        {
            Port = o.Port,
            TimeProvider = o.TimeProvider ?? TimeProvider.System,
            Logging = o.Logging,
            RandomSeed = o.RandomSeed,
            ClientId = o.ClientId,
            ClientSecret = o.ClientSecret,
            BusinessUnitId = o.BusinessUnitId,
            SessionLifetime = o.SessionLifetime,
            DailyQuota = o.DailyQuota,
            QuotaTimeZone = o.QuotaTimeZone,
            MaxConcurrent = o.MaxConcurrent,
            LimitStatus = o.LimitStatus,
            MaxBatch = o.MaxBatch,
            DefaultCampaignId = o.DefaultCampaignId,
            ImportWaiting = o.ImportWaiting,
            ImportRunning = o.ImportRunning,
            MaxImportBatches = o.MaxImportBatches,
            MaxImportBatchBytes = o.MaxImportBatchBytes,
            MaxImportBatchesPerDay = o.MaxImportBatchesPerDay,
            MaxListsPerImportRow = o.MaxListsPerImportRow,
        };
        copy.CustomFields.UnionWith(o.CustomFields);
        return copy;
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/services/oauth2/token", (RequestDelegate)HandleTokenAsync);
        app.Map("/api/{**path}", (RequestDelegate)HandleApiAsync);
        MapAdmin(app);
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
