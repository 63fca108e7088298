using System.Diagnostics;
using System.Globalization;
using Highwater.Core.Capabilities;
using Highwater.Core.Governor;
using Highwater.Core.Planning;
using Highwater.Core.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Benchmarks.Day;

/// <summary>
/// One day in virtual time for one Marketo destination: changes arrive over a million profiles and
/// coalesce per profile in the outbox; the real scheduler decides when to flush, the real planner
/// plans each batch against the simulated service's records, the real governor (20% reserve)
/// pays for it, and the service enforces its limits on every call.
/// </summary>
internal sealed class DaySimulation(double perMinute, bool bursty, DateOnly date, int seed, TextWriter log)
{
    public const int Profiles = 1_000_000;

    // Decisions and arrivals step at most a second; each call takes this long, one after another.
    private const double Tick = 1;
    private const double CallSeconds = 0.25;

    // Latency is measured on a uniform sample of about this many changes (all when fewer).
    private const double Sampled = 2_000_000;

    private readonly SimulatedMarketo _service = new();
    private readonly Random _random = new(seed);
    private readonly LatencyHistogram _latency = new();
    private readonly Planner _planner = new(KnownServices.Marketo, Population.PlannerOptions());
    private FakeTimeProvider _time = null!;
    private Population _population = null!;
    private WaitingQueue _queue = null!;
    private ChangeLatencies _changes = null!;
    private ArrivalPattern _pattern = null!;
    private BatchScheduler _scheduler = null!;
    private DateTimeOffset _dayStart;
    private double _now;
    private double _sample;
    private long _arrived;
    private long _batches;
    private long _rowsExported;
    private long _plans;
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
        var policy = new RatePolicy(KnownPolicies.Marketo("marketo"));
        var governor = new RateGovernor(policy, new InMemoryQuotaLedger(), _time);
        _scheduler = new BatchScheduler("marketo", new SchedulerOptions(), governor, _time);
        _population = new Population(Profiles, _random);
        _queue = new WaitingQueue(Profiles);
        _changes = new ChangeLatencies(Profiles);
        _pattern = new ArrivalPattern(perMinute, bursty, _dayStart, dayEnd, _service);
        _sample = Math.Min(1, Sampled / Math.Max(1, _pattern.ExpectedChanges));

        var nextDecision = 0.0;
        DayForecast? lastForecast = null;
        while (_now < length)
        {
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
        _changes.Finish(length, _latency);
        var window = policy.GetWindow("day");
        var result = new DayResult(
            "marketo",
            perMinute,
            _service.Calls,
            window.Limit,
            window.Reserve,
            _service.Rejections,
            Math.Round(_service.Calls / (double)window.Usable, 4),
            _latency.Percentile(0.50),
            _latency.Percentile(0.95));
        log.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"day {_dayStart:u} .. {dayEnd:u} ({length / 3600:0.#} h){(bursty ? ", bursty" : "")}: {_arrived:N0} changes, {_rowsExported:N0} rows in {_batches:N0} batches ({(_batches == 0 ? 0 : _rowsExported / (double)_batches):N0} a batch), most calls in a Chicago day {_service.MostInADay:N0} of {window.Usable:N0} usable; latency over {_latency.Count:N0} sampled changes, {_changes.PendingAtEnd:N0} still waiting at the end (counted at their age then); {wall.Elapsed.TotalSeconds:0.0} s wall ({_plans:N0} plans: building {_building.Elapsed.TotalSeconds:0.0} s, planning {_planning.Elapsed.TotalSeconds:0.0} s; arrivals {_arriving.Elapsed.TotalSeconds:0.0} s; decisions {_deciding.Elapsed.TotalSeconds:0.0} s)"));
        log.WriteLine($"a second before the reset: {lastForecast?.Reason}");
        return result;
    }

    private async Task<(GovernorLease? Lease, double End, DateTimeOffset? Until)> ExportAsync(int rows, CancellationToken cancellationToken)
    {
        var claimed = _queue.Claim(rows);
        while (true)
        {
            _building.Start();
            var requests = claimed.ConvertAll(_population.Request);
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
                _queue.GiveBack(claimed.GetRange(half, claimed.Count - half));
                claimed.RemoveRange(half, claimed.Count - half);
                continue;
            }

            if (!grant.IsGo)
            {
                _queue.GiveBack(claimed);
                return (null, _now, grant.Until ?? At(_now + Tick));
            }

            var at = _now;
            foreach (var step in plan.Steps)
            {
                foreach (var call in step.Calls)
                {
                    for (var r = 0; r < call.Requests; r++)
                    {
                        _service.Call(At(at));
                        at += CallSeconds;
                    }
                }
            }

            var deferred = new List<int>();
            foreach (var request in requests)
            {
                var disposition = plan.Dispositions.TryGetValue(request.ProfileKey, out var d) ? d : Disposition.Deferred;
                var profile = int.Parse(request.ProfileKey, CultureInfo.InvariantCulture);
                if (disposition == Disposition.Deferred)
                {
                    deferred.Add(profile);
                    continue;
                }

                _population.Apply(request, disposition);
                _changes.Exported(profile, at, _latency);
            }

            _queue.GiveBack(deferred);
            _batches++;
            _rowsExported += requests.Count - deferred.Count;
            return (grant.Lease, at, null);
        }
    }

    // Changes arriving from now until `until`, a tick at a time; the scheduler hears of new rows at each tick's end.
    private void ArriveUntil(double until)
    {
        _arriving.Start();
        while (_now < until)
        {
            var to = Math.Min(_now + Tick, until);
            var mean = _pattern.PerSecond(At(_now)) * (to - _now);
            var count = Poisson(mean);
            var newRows = 0;
            for (var k = 0; k < count; k++)
            {
                var profile = _random.Next(Profiles);
                var roll = _random.NextDouble();
                _population.Change(profile, roll, (int)(roll * 1e6));
                var at = _now + ((k + 0.5) / count * (to - _now));
                if (_queue.Arrive(profile, at))
                {
                    newRows++;
                }

                if (_sample >= 1 || _random.NextDouble() < _sample)
                {
                    _changes.Track(profile, at);
                }
            }

            _arrived += count;
            _now = to;
            SetClock(_now);
            _scheduler.RecordArrivals(Lane.Live, newRows);
        }

        _arriving.Stop();
    }

    private long Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            // Normal approximation (Box–Muller) for large means.
            var u1 = 1 - _random.NextDouble();
            var u2 = _random.NextDouble();
            var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return Math.Max(0, (long)Math.Round(mean + (Math.Sqrt(mean) * normal)));
        }

        var limit = Math.Exp(-mean);
        long k = 0;
        var p = _random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= _random.NextDouble();
        }

        return k;
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
