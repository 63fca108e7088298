using System.Diagnostics;
using System.Globalization;
using Highwater.Connectors.Modules;
using Highwater.Core.Governor;
using Highwater.Core.Model;
using Highwater.Core.Planning;
using Highwater.Core.Scheduling;
using Highwater.Engine.Execution;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Benchmarks.Day;

/// <summary>
/// One day in virtual time for one destination of any service in <c>ServiceModules</c> (its
/// capabilities and default rate policy; Marketo's unless told): changes arrive over a million profiles and
/// coalesce per profile in the outbox; the real scheduler decides when to flush, the real planner
/// plans each batch against the simulated service's records, the real governor (20% reserve)
/// pays for it, and the service enforces its limits on every call.
/// </summary>
internal sealed class DaySimulation(IServiceModule module, string? timeZone, double perMinute, bool bursty, DateOnly date, int seed, TextWriter log, TimeSpan? trace = null)
{
    public const int Profiles = 1_000_000;

    // Decisions and arrivals step at most a second; each call takes this long.
    private const double Tick = 1;
    private const double CallSeconds = 0.25;

    // Calls of one plan step in flight at once, as the executor runs them (its parallelism, within
    // the service's concurrency); the steps go one after another, and so do the requests of one call.
    private readonly int _connections = Math.Min(new ExecutorOptions().Parallelism, module.Policy(module.Kind, timeZone).ConcurrencyLimit ?? int.MaxValue);
    private readonly List<double> _starts = [];

    // Bytes allocated between batches after which the youngest generation is collected.
    private const long CollectEvery = 4 << 20;

    // Latency is measured on a uniform sample of about this many changes (all when fewer).
    private const double Sampled = 2_000_000;

    private readonly RatePolicyOptions _policy = module.Policy(module.Kind, timeZone);
    private readonly SimulatedService _service = new(module.Policy(module.Kind, timeZone));
    private readonly DayRandom _random = new(seed);
    private readonly LatencyHistogram _latency = new();
    private readonly Planner _planner = new(module.Capabilities, Population.PlannerOptions());
    private FakeTimeProvider _time = null!;
    private Population _population = null!;
    private WaitingQueue _queue = null!;
    private ChangeLatencies _changes = null!;
    private ArrivalPattern _pattern = null!;
    private ChangeStream _stream = null!;
    private BatchScheduler _scheduler = null!;
    private DateTimeOffset _dayStart;
    private double _now;
    private long _batches;
    private long _rowsExported;
    private long _plans;
    private long _allocatedAtCollection;
    private readonly Stopwatch _planning = new();
    private readonly Stopwatch _building = new();
    private readonly Stopwatch _arriving = new();
    private readonly Stopwatch _deciding = new();

    public async Task<DayResult> RunAsync(CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        _dayStart = _service.MidnightBefore(new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(-6)));
        var dayEnd = _service.MidnightAfter(_dayStart);
        var length = (dayEnd - _dayStart).TotalSeconds;
        _time = new FakeTimeProvider(_dayStart);
        var policy = new RatePolicy(_policy);
        var governor = new RateGovernor(policy, new InMemoryQuotaLedger(), _time);
        _scheduler = new BatchScheduler(module.Kind, new SchedulerOptions(), governor, _time);
        _population = new Population(Profiles, _random);
        _queue = new WaitingQueue(Profiles);
        _changes = new ChangeLatencies(_latency);
        _pattern = new ArrivalPattern(perMinute, bursty, _dayStart, dayEnd, _service);
        var sample = Math.Min(1, Sampled / Math.Max(1, _pattern.ExpectedChanges));
        _stream = new ChangeStream(_pattern, _population, length, sample, _random);

        var nextDecision = 0.0;
        var nextTrace = 0.0;
        DayForecast? lastForecast = null;
        while (_now < length)
        {
            if (trace is { } every && _now >= nextTrace)
            {
                Trace(await _scheduler.ForecastAsync(cancellationToken));
                nextTrace += every.TotalSeconds;
            }

            if (lastForecast is null && _now >= length - Tick)
            {
                lastForecast = await _scheduler.ForecastAsync(cancellationToken);
            }

            if (_now >= nextDecision && _queue.Count > 0)
            {
                SetClock(_now);
                _deciding.Start();
                var decision = await _scheduler.DecideAsync(new LaneDepth(_queue.Count, At(_queue.OldestSince)), default, cancellationToken);
                _deciding.Stop();
                if (decision.IsFlush)
                {
                    var (lease, end, until) = await ExportAsync(decision.Rows, cancellationToken);
                    CollectBetweenBatches();
                    if (until is null)
                    {
                        ArriveUntil(Math.Min(end, length));
                        lease?.Dispose();
                        continue;
                    }

                    nextDecision = (until.Value - _dayStart).TotalSeconds;
                }
                else if (decision.Rule == ScheduleRule.Pacing && decision.NotBefore is { } notBefore)
                {
                    nextDecision = (notBefore - _dayStart).TotalSeconds;
                }
            }

            ArriveUntil(Math.Min(_now + Tick, length));
        }

        SetClock(length);
        var unexported = new List<double>();
        for (var profile = 0; profile < Profiles; profile++)
        {
            if (_queue.IsWaiting(profile))
            {
                unexported.Clear();
                _changes.TakeCarried(profile, unexported);
                _stream.DrawUnexported(profile, unexported);
                _changes.Unexported(unexported, length);
            }
        }

        // The daily quota's window (none for a service without one: utilization 0).
        var window = policy.Windows.FirstOrDefault(w => w.IsDayLong);
        var result = new DayResult(
            module.Kind,
            perMinute,
            _service.Calls,
            window?.Limit ?? 0,
            window?.Reserve ?? 0,
            _service.Rejections,
            window is null ? 0 : Math.Round(_service.Calls / (double)window.Usable, 4),
            _latency.Percentile(0.50),
            _latency.Percentile(0.95));
        log.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"day {_dayStart:u} .. {dayEnd:u} ({length / 3600:0.#} h){(bursty ? ", bursty" : "")}: {_stream.Changes:N0} changes, {_rowsExported:N0} rows in {_batches:N0} batches ({(_batches == 0 ? 0 : _rowsExported / (double)_batches):N0} a batch), most calls in a day {_service.MostInADay:N0} of {window?.Usable ?? 0:N0} usable, most in flight {_service.MostInFlight} ({_connections} connections a step); calls a change {(_stream.Changes == 0 ? 0 : _service.Calls / (double)_stream.Changes):0.####}, a row exported {(_rowsExported == 0 ? 0 : _service.Calls / (double)_rowsExported):0.####}; latency over {_latency.Count:N0} sampled changes, {_changes.PendingAtEnd:N0} still waiting at the end (counted at their age then); {wall.Elapsed.TotalSeconds:0.0} s wall ({_plans:N0} plans: building {_building.Elapsed.TotalSeconds:0.0} s, planning {_planning.Elapsed.TotalSeconds:0.0} s; arrivals {_arriving.Elapsed.TotalSeconds:0.0} s; decisions {_deciding.Elapsed.TotalSeconds:0.0} s; {GC.GetTotalAllocatedBytes() / 1e9:0.0} GB allocated, {GC.CollectionCount(0):N0}/{GC.CollectionCount(1):N0}/{GC.CollectionCount(2):N0} collections, {GC.GetTotalPauseDuration().TotalSeconds:0.0} s paused; {Environment.ProcessorCount} cores)"));
        log.WriteLine($"a second before the reset: {lastForecast?.Reason}");
        foreach (var kind in new[] { GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background })
        {
            var info = GC.GetGCMemoryInfo(kind);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"last {kind} GC: gen {info.Generation}, heap {info.HeapSizeBytes / 1e6:0.0} MB, promoted {info.PromotedBytes / 1e6:0.0} MB, pause {info.PauseDurations[0].TotalMilliseconds:0.0} ms, {info.PauseTimePercentage:0.0}% paused"));
        }

        return result;
    }

    // One line of the scheduler's forecast as the day goes (`--trace`).
    private void Trace(DayForecast f) => log.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{_service.Local(f.At):HH:mm} used {f.Used,6:N0} left {f.Left,6:N0} waiting {f.LiveWaiting,9:N0} rate {f.LiveChangesPerMinute,8:N0}/min calls/row {f.CallsPerChange ?? 0:0.00000} need {f.LiveNeed ?? 0,8:N0} window {f.Window} ({f.WindowReason}) batches {_batches:N0}"));

    private async Task<(GovernorLease? Lease, double End, DateTimeOffset? Until)> ExportAsync(int rows, CancellationToken cancellationToken)
    {
        var claimed = _queue.Claim(rows);
        foreach (var profile in claimed)
        {
            _stream.CatchUp(profile, _now, _changes.StartRow(profile));
        }

        try
        {
            var requests = new List<ExportRequest>(claimed.Count);
            while (true)
            {
                _building.Start();
                requests.Clear();
                foreach (var profile in claimed)
                {
                    requests.Add(_population.Request(profile));
                }

                _building.Stop();
                _planning.Start();
                var plan = _planner.Plan(requests, _population.Lookup);
                _planning.Stop();
                _plans++;
                var grant = await _scheduler.AcquireAsync(Lane.Live, claimed.Count, plan.Requests, cancellationToken);
                if (grant.Rule == ScheduleRule.BatchTooLarge && claimed.Count > 1)
                {
                    // Split: the newer half goes back to the front of the outbox.
                    var half = claimed.Count / 2;
                    GiveBack(claimed, half);
                    claimed.RemoveRange(half, claimed.Count - half);
                    continue;
                }

                if (!grant.IsGo)
                {
                    GiveBack(claimed, 0);
                    return (null, _now, grant.Until ?? At(_now + Tick));
                }

                var at = _now;
                foreach (var step in plan.Steps)
                {
                    at = RunStep(step, at);
                }

                var deferred = new List<int>();
                for (var row = 0; row < claimed.Count; row++)
                {
                    var profile = claimed[row];
                    var disposition = plan.Dispositions.TryGetValue(requests[row].ProfileKey, out var d) ? d : Disposition.Deferred;
                    if (disposition == Disposition.Deferred)
                    {
                        deferred.Add(profile);
                        _changes.GaveBack(row, profile);
                        continue;
                    }

                    _population.Apply(profile, disposition);
                    _changes.Exported(row, at);
                    _stream.Arm(profile, _now);
                }

                _queue.GiveBack(deferred);
                _batches++;
                _rowsExported += claimed.Count - deferred.Count;
                return (grant.Lease, at, null);
            }
        }
        finally
        {
            _changes.EndBatch();
        }
    }

    // A step's calls on the connections, each taken by the first one free, as Parallel.ForEachAsync
    // hands them out; the service sees the requests in the order they start. Returns when the last ends.
    private double RunStep(PlanStep step, double start)
    {
        Span<double> free = stackalloc double[Math.Min(_connections, Math.Max(1, step.Calls.Count))];
        free.Fill(start);
        _starts.Clear();
        foreach (var call in step.Calls)
        {
            var lane = 0;
            for (var l = 1; l < free.Length; l++)
            {
                lane = free[l] < free[lane] ? l : lane;
            }

            for (var r = 0; r < call.Requests; r++)
            {
                _starts.Add(free[lane]);
                free[lane] += CallSeconds;
            }
        }

        _starts.Sort();
        foreach (var at in _starts)
        {
            _service.Call(At(at), At(at + CallSeconds));
        }

        var end = start;
        foreach (var at in free)
        {
            end = Math.Max(end, at);
        }

        return end;
    }

    // Rows from `from` on go back to the front of the outbox, with their tracked changes.
    private void GiveBack(List<int> claimed, int from)
    {
        for (var row = from; row < claimed.Count; row++)
        {
            _changes.GaveBack(row, claimed[row]);
        }

        _queue.GiveBack(claimed.GetRange(from, claimed.Count - from));
    }

    // A batch's requests and plan die together when its export ends. A collection in the middle of
    // planning finds the whole batch alive (about 12 MB at 5,000 rows) and copies it into the older
    // generations, which then fill and are collected in turn: on an overloaded day that was 40% of
    // the run. Collecting the youngest generation here, once the batches since the last one have
    // allocated a few MB, finds almost nothing alive, and the next batch starts with room.
    private void CollectBetweenBatches()
    {
        var allocated = GC.GetTotalAllocatedBytes();
        if (allocated - _allocatedAtCollection >= CollectEvery)
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            _allocatedAtCollection = GC.GetTotalAllocatedBytes();
        }
    }

    // Changes arriving from now until `until`, a tick at a time; the scheduler hears of new rows at each tick's end.
    private void ArriveUntil(double until)
    {
        _arriving.Start();
        while (_now < until)
        {
            var to = Math.Min(_now + Tick, until);
            var newRows = 0;
            while (_stream.TryStart(to, out var profile, out var at))
            {
                _queue.Arrive(profile, at);
                newRows++;
            }

            _now = to;
            SetClock(_now);
            _scheduler.RecordArrivals(Lane.Live, newRows);
        }

        _arriving.Stop();
    }

    private DateTimeOffset At(double seconds) => _dayStart + TimeSpan.FromSeconds(seconds);

    private void SetClock(double seconds)
    {
        var target = At(seconds);
        if (target > _time.GetUtcNow())
        {
            _time.SetUtcNow(target);
        }
    }
}
