using System.Globalization;
using Highwater.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Marketo;

/// <summary>
/// A local stand-in for one Marketo instance's REST API on 127.0.0.1: the identity endpoint, lead
/// lookup (GET or <c>POST ?_method=GET</c>), Sync Leads, Delete Leads, static-list membership and
/// the asset API's static lists, with the real limits (100 calls / 20 s, 10 in flight, a daily
/// quota reset at midnight America/Chicago), the real signals (HTTP 200 with 601, 602, 606, 607,
/// 615; HTTP 401, 413, 414) and per-record results. Admin endpoints under <c>/_sim/</c> seed it,
/// show its state and counts, inject faults and reset it.
/// </summary>
public sealed partial class MarketoSimulator : IAsyncDisposable
{
    private readonly MarketoSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly MarketoStore _store = new();
    private readonly CallLimiter _limiter;
    private readonly MarketoTokens _tokens;
    private readonly CallCounter _counter = new("lookup", "delete", "update", "create", "upsert", "listAdd", "listRemove");
    private readonly FaultInjector _faults;
    private SimulatorHost? _host;
    private long _requests;

    private MarketoSimulator(MarketoSimulatorOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _faults = new FaultInjector(options.RandomSeed);
        _tokens = new MarketoTokens(new Random(options.RandomSeed + 1));

        // 606 and 615 count toward the window and the day (they are not starred codes); 607 does not.
        _limiter = new CallLimiter(new CallLimits
        {
            MaxConcurrent = options.MaxConcurrent,
            Windows = [(options.RateLimit, options.RateWindow)],
            DailyQuota = options.DailyQuota,
            DailyZone = TimeZoneInfo.FindSystemTimeZoneById(options.QuotaTimeZone),
            RefusedCount = true,
        });
    }

    /// <summary>Where the simulator answers, e.g. <c>http://127.0.0.1:41234/</c>; REST is under <c>rest/</c>, identity under <c>identity/</c>.</summary>
    public Uri BaseAddress => _host?.BaseAddress ?? throw new InvalidOperationException("the simulator is not started");

    /// <summary>Starts a simulator with <paramref name="options"/> (copied; later changes have no effect).</summary>
    public static async Task<MarketoSimulator> StartAsync(MarketoSimulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = Validate(options);
        var simulator = new MarketoSimulator(copy);
        simulator._host = await SimulatorHost.StartAsync(copy.Port, simulator.Map, copy.Logging, ct).ConfigureAwait(false);
        return simulator;
    }

    /// <summary>The faults in force.</summary>
    public MarketoFaults Faults => new()
    {
        ServerErrorRate = _faults.ServerErrorRate,
        SlowMillis = _faults.SlowMillis,
        DropRate = _faults.DropRate,
        RefuseCredentials = _faults.RefuseCredentials,
    };

    /// <summary>Changes the faults named in <paramref name="faults"/>; the others stay as they are.</summary>
    public void SetFaults(MarketoFaults faults)
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
        if (faults.ExpireTokens == true)
        {
            ExpireTokens();
        }

        if (faults.SpentToday is { } spent)
        {
            _limiter.SetSpentToday(spent, _time.GetUtcNow());
        }
    }

    /// <summary>Expires every access token issued so far: the next REST call with one is answered 602.</summary>
    public void ExpireTokens() => _tokens.ExpireAll(_time.GetUtcNow());

    /// <summary>REST requests holding a concurrency slot now (tests use it to fill the slots).</summary>
    public int InFlight => _limiter.InFlight;

    /// <summary>The requests received so far.</summary>
    public MarketoCallCounts GetCounts()
    {
        var counts = _counter.Snapshot();
        return new MarketoCallCounts(counts.ByKind, counts.RateLimitRejections, counts.RecordRejections, counts.Total);
    }

    /// <summary>Clears leads, lists, counts, faults and the rate and quota usage. Issued tokens stay valid.</summary>
    public void Reset()
    {
        lock (_store.Gate)
        {
            _store.Clear();
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

    private static MarketoSimulatorOptions Validate(MarketoSimulatorOptions o)
    {
        var problems = new OptionProblems("Marketo");

        problems.AtLeastOne(nameof(o.RateLimit), o.RateLimit);
        problems.AtLeastOne(nameof(o.MaxConcurrent), o.MaxConcurrent);
        problems.AtLeastOne(nameof(o.DailyQuota), o.DailyQuota);
        problems.AtLeastOne(nameof(o.MaxBatch), o.MaxBatch);
        problems.AtLeastOne(nameof(o.MaxFilterMatches), o.MaxFilterMatches);
        problems.AtLeastOne(nameof(o.MaxUriLength), o.MaxUriLength);
        problems.AtLeastOne(nameof(o.MaxBodyBytes), o.MaxBodyBytes);
        problems.AtLeastOne(nameof(o.RateWindow) + " (seconds)", o.RateWindow.TotalSeconds);
        problems.AtLeastOne(nameof(o.TokenLifetime) + " (seconds)", o.TokenLifetime.TotalSeconds);
        problems.Port(nameof(o.Port), o.Port);

        problems.ThrowIfAny(nameof(o));

        return new MarketoSimulatorOptions
        {
            Port = o.Port,
            TimeProvider = o.TimeProvider ?? TimeProvider.System,
            Logging = o.Logging,
            RandomSeed = o.RandomSeed,
            ClientId = o.ClientId,
            ClientSecret = o.ClientSecret,
            Scope = o.Scope,
            TokenLifetime = o.TokenLifetime,
            RateLimit = o.RateLimit,
            RateWindow = o.RateWindow,
            MaxConcurrent = o.MaxConcurrent,
            DailyQuota = o.DailyQuota,
            QuotaTimeZone = o.QuotaTimeZone,
            MaxBatch = o.MaxBatch,
            MaxFilterMatches = o.MaxFilterMatches,
            MaxUriLength = o.MaxUriLength,
            MaxBodyBytes = o.MaxBodyBytes,
            Fields = new Dictionary<string, int>(o.Fields, StringComparer.Ordinal),
        };
    }

    private void Map(WebApplication app)
    {
        app.MapMethods("/identity/oauth/token", [HttpMethods.Get, HttpMethods.Post], (RequestDelegate)HandleTokenAsync);
        app.Map("/rest/{**path}", (RequestDelegate)HandleRestAsync);
        MapAdmin(app);
    }

    /// <summary>A request id in Marketo's form, <c>6227#17d4f044661</c>.</summary>
    private string NextRequestId() =>
        string.Create(CultureInfo.InvariantCulture, $"{Interlocked.Increment(ref _requests):x}#{_time.GetUtcNow().ToUnixTimeMilliseconds():x}");
}
