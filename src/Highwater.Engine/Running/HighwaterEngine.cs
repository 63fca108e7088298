using System.Diagnostics;
using System.Text.Json;
using Highwater.Core.Connectors;
using Highwater.Core.Scheduling;
using Highwater.Engine.Configuration;
using Highwater.Sources.Polling;
using Highwater.Sources.Reading;
using Highwater.Sources.Regrouping;
using Highwater.Storage;
using Highwater.Storage.Ingest;
using Microsoft.Extensions.Logging;

namespace Highwater.Engine.Running;

/// <summary>
/// One configuration, running: the buffer store, a poller per source, the group refresher, and
/// per destination its connector, planner, executor, scheduler and the governor of its account.
/// <c>sync</c>, <c>run</c>, <c>plan</c> and the demo all drive this one engine.
/// </summary>
public sealed partial class HighwaterEngine : IAsyncDisposable
{
    private readonly EngineOptions _options;
    private readonly Dictionary<string, (SourcePoller Poller, ISourceReader Reader)> _sources;
    private readonly Dictionary<string, DestinationExporter> _exporters;
    private readonly List<HttpClient> _clients;
    private readonly EngineLock? _lock;
    private readonly ILogger _logger;

    private HighwaterEngine(
        HighwaterConfig config,
        EngineOptions options,
        IBufferStore store,
        string worker,
        Dictionary<string, (SourcePoller, ISourceReader)> sources,
        GroupRefresher refresher,
        IReadOnlyList<DestinationRuntime> destinations,
        List<HttpClient> clients,
        EngineLock? engineLock)
    {
        Config = config;
        _options = options;
        Store = store;
        Worker = worker;
        _sources = sources;
        Refresher = refresher;
        Destinations = destinations;
        _clients = clients;
        _lock = engineLock;
        _logger = options.LoggerFactory.CreateLogger<HighwaterEngine>();
        _exporters = destinations.ToDictionary(
            d => d.Name,
            d => new DestinationExporter(d, store, options, worker, options.LoggerFactory.CreateLogger<DestinationExporter>()),
            StringComparer.Ordinal);
    }

    /// <summary>The configuration.</summary>
    public HighwaterConfig Config { get; }

    /// <summary>The buffer store.</summary>
    public IBufferStore Store { get; }

    /// <summary>This process's name in outbox leases.</summary>
    public string Worker { get; }

    /// <summary>The destinations, in configuration order.</summary>
    public IReadOnlyList<DestinationRuntime> Destinations { get; }

    /// <summary>The source names, in configuration order.</summary>
    public IReadOnlyList<string> Sources => [.. _sources.Keys];

    /// <summary>Re-evaluates relative-date groups.</summary>
    public GroupRefresher Refresher { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time => _options.Time;

    /// <summary>The destination named <paramref name="name"/>.</summary>
    public DestinationRuntime Destination(string name) =>
        Destinations.FirstOrDefault(d => d.Name == name) ?? throw new ArgumentException($"no destination is named '{name}' (known: {string.Join(", ", Destinations.Select(d => d.Name))})", nameof(name));

    /// <summary>Polls every source once, to the end of what it holds now, and tells each scheduler what arrived.</summary>
    public async Task<IReadOnlyList<PollReport>> PollAsync(IProgress<PollReport>? progress, CancellationToken cancellationToken)
    {
        var reports = new List<PollReport>();
        foreach (var name in _sources.Keys)
        {
            reports.Add(await PollSourceAsync(name, cancellationToken).ConfigureAwait(false));
            progress?.Report(reports[^1]);
        }

        return reports;
    }

    /// <summary>Polls one source once.</summary>
    public async Task<PollReport> PollSourceAsync(string source, CancellationToken cancellationToken)
    {
        var depths = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var destination in Destinations)
        {
            depths[destination.Name] = (await Store.Outbox.DepthAsync(destination.Name, OutboxLane.Live, cancellationToken).ConfigureAwait(false)).Waiting;
        }

        // What a source's first poll finds is what it held before Highwater watched it: a backfill,
        // paid once, not a rate to forecast the day with. Later polls' changes arrived over the time
        // since the previous poll, which a one-poll process (sync) cannot see otherwise.
        var previous = (await Store.Sources.GetAsync(source, cancellationToken).ConfigureAwait(false))?.LastPolledAt;
        var report = await _sources[source].Poller.PollAsync(cancellationToken).ConfigureAwait(false);
        EngineMetrics.Polled(report);
        foreach (var destination in Destinations)
        {
            var after = (await Store.Outbox.DepthAsync(destination.Name, OutboxLane.Live, cancellationToken).ConfigureAwait(false)).Waiting;
            if (after > depths[destination.Name] && previous is { } since)
            {
                destination.Scheduler.RecordArrivals(Lane.Live, after - depths[destination.Name], since);
            }

            // The gauge counts both lanes, as every other place that sets it.
            EngineMetrics.Depth(destination.Name, (await Store.Outbox.DepthAsync(destination.Name, null, cancellationToken).ConfigureAwait(false)).Waiting);
        }

        return report;
    }

    /// <summary>Re-evaluates groups that depend on the time (relative dates); nothing when none does.</summary>
    public async Task<GroupRefreshReport?> RefreshGroupsAsync(CancellationToken cancellationToken) =>
        Refresher.IsNeeded ? await Refresher.RefreshAsync(cancellationToken).ConfigureAwait(false) : null;

    /// <summary>
    /// Exports what waits for <paramref name="destination"/>, batch after batch, until nothing
    /// claimable waits, the schedule holds a batch (quota, pace), or <paramref name="maxBatches"/>
    /// ran. Adopts the mapped lists first when they were never adopted.
    /// </summary>
    public async Task<ExportPassReport> ExportAsync(DestinationRuntime destination, int maxBatches, IProgress<ExportPassReport>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var clock = Stopwatch.StartNew();
        var exporter = _exporters[destination.Name];
        var pass = new ExportPassReport { Destination = destination.Name, Kind = destination.Config.Kind };
        try
        {
            var adoption = await AdoptListsAsync(destination, cancellationToken).ConfigureAwait(false);
            pass = pass.Add(adoption);
            var rows = BatchRows(destination);
            for (var batches = 0; batches < maxBatches && adoption.QuotaWait is null; batches++)
            {
                var batch = await exporter.ExportBatchAsync(OutboxLane.Live, rows, cancellationToken).ConfigureAwait(false);
                if (batch.Rows == 0)
                {
                    batch = await exporter.ExportBatchAsync(OutboxLane.Backfill, rows, cancellationToken).ConfigureAwait(false);
                }

                pass = pass.Add(batch);
                progress?.Report(pass with { Elapsed = clock.Elapsed });
                if (batch.Rows == 0 || batch.HeldBy is not null && batch.Rows == batch.Held)
                {
                    break;
                }
            }
        }
        catch (ServiceCallException ex) when (ex.Failure == ServiceCallFailure.Unauthorized)
        {
            // The destination refused the pass as a whole: its rows wait, and the pass says so.
            LogDestinationFailed(_logger, destination.Name, ex.Message);
            pass = pass with { Refused = ex.Message };
        }
        catch (ServiceCallException ex) when (ex.Failure == ServiceCallFailure.QuotaSpent)
        {
            // Spent before a batch was claimed (adopting the lists): nothing to give back; the rows wait.
            pass = pass with { HeldBy = ScheduleRule.Governor, HeldUntil = ex.RetryAt, HeldReason = ex.Message, QuotaWait = QuotaWait.Of(destination.Governor.Policy, ex) };
        }

        return await RecordPassAsync(destination, pass, clock.Elapsed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Exports one batch of up to <paramref name="rows"/> rows of <paramref name="lane"/>, as the
    /// scheduler decided (<c>run</c>'s export loop): claims, admits, exports and records it, then
    /// updates the depth and quota gauges and, when it claimed rows, the destination's last run.
    /// Cancelled, it gives back the rows it had not settled.
    /// </summary>
    public async Task<BatchReport> ExportBatchAsync(DestinationRuntime destination, OutboxLane lane, int rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var clock = Stopwatch.StartNew();
        BatchReport batch;
        try
        {
            batch = await _exporters[destination.Name].ExportBatchAsync(lane, rows, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceCallException ex) when (ex.Failure == ServiceCallFailure.Unauthorized)
        {
            // Kept for status (failing since when, and why); the caller backs off and tries again.
            var refused = new ExportPassReport { Destination = destination.Name, Kind = destination.Config.Kind, Refused = ex.Message };
            await RecordPassAsync(destination, refused, clock.Elapsed, cancellationToken).ConfigureAwait(false);
            throw;
        }

        if (batch.Rows > 0)
        {
            var pass = new ExportPassReport { Destination = destination.Name, Kind = destination.Config.Kind }.Add(batch);
            await RecordPassAsync(destination, pass, clock.Elapsed, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ObserveAsync(destination, cancellationToken).ConfigureAwait(false);
        }

        return batch;
    }

    /// <summary>Updates the outbox depth gauge of <paramref name="destination"/> (both lanes) and its quota gauges.</summary>
    public async Task ObserveAsync(DestinationRuntime destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await ObserveDepthAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Updates the depth and quota gauges and answers how many rows wait (both lanes).</summary>
    private async Task<long> ObserveDepthAsync(DestinationRuntime destination, CancellationToken cancellationToken)
    {
        var waiting = await Store.Outbox.DepthAsync(destination.Name, null, cancellationToken).ConfigureAwait(false);
        EngineMetrics.Depth(destination.Name, waiting.Waiting);
        await ObserveQuotaAsync(destination, cancellationToken).ConfigureAwait(false);
        return waiting.Waiting;
    }

    /// <summary>Completes a pass with what still waits and how long it took, updates the gauges, and stores it as the destination's last run (with the scheduler's forecast) for <c>status</c>.</summary>
    private async Task<ExportPassReport> RecordPassAsync(DestinationRuntime destination, ExportPassReport pass, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var waiting = await ObserveDepthAsync(destination, cancellationToken).ConfigureAwait(false);
        pass = pass with { Waiting = waiting, Elapsed = elapsed };
        var forecast = await destination.Scheduler.ForecastAsync(cancellationToken).ConfigureAwait(false);
        var last = LastRun.From(pass, forecast);
        if (pass.Refused is not null)
        {
            last = last with { FailingSince = await FailingSinceAsync(destination, cancellationToken).ConfigureAwait(false) };
        }

        await Store.Destinations.SetLastRunAsync(destination.Name, JsonSerializer.Serialize(last, LastRun.Json), cancellationToken).ConfigureAwait(false);
        return pass;
    }

    /// <summary>Rows an export claims and plans at once for <paramref name="destination"/>: its batch size, or more when everything waiting goes at once.</summary>
    public int BatchRows(DestinationRuntime destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return Math.Max(destination.Config.BatchSize, _options.MaxBatchRows);
    }

    /// <summary>One pass of everything: poll every source, refresh time-dependent groups, export every destination until nothing claimable waits.</summary>
    public async Task<SyncReport> SyncOnceAsync(IProgress<PollReport>? polled, IProgress<ExportPassReport>? exported, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var polls = await PollAsync(polled, cancellationToken).ConfigureAwait(false);
        var refresh = await RefreshGroupsAsync(cancellationToken).ConfigureAwait(false);
        var passes = new List<ExportPassReport>();
        foreach (var destination in Destinations)
        {
            // One destination that cannot be reached does not stop the others; its rows wait in the buffer.
            try
            {
                passes.Add(await ExportAsync(destination, int.MaxValue, exported, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is ServiceCallException or HttpRequestException)
            {
                LogDestinationFailed(_logger, destination.Name, ex.Message);
                var waiting = await Store.Outbox.DepthAsync(destination.Name, null, cancellationToken).ConfigureAwait(false);
                passes.Add(new ExportPassReport
                {
                    Destination = destination.Name,
                    Kind = destination.Config.Kind,
                    Waiting = waiting.Waiting,
                    Error = $"{destination.Name} ({destination.Config.Kind} at {destination.Config.BaseUrl}): {ex.Message}; its {waiting.Waiting:N0} waiting rows stay in the buffer for the next pass",
                });
            }
        }

        return new SyncReport { Polls = polls, GroupRefresh = refresh, Exports = passes, Elapsed = clock.Elapsed };
    }

    /// <summary>Updates the quota gauges from the destination's governor.</summary>
    public async Task ObserveQuotaAsync(DestinationRuntime destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var snapshot = await destination.Governor.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        foreach (var window in snapshot.Windows)
        {
            EngineMetrics.Quota(destination.Name, window.Window, window.Used, window.Left);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var (_, reader) in _sources.Values)
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Store.DisposeAsync().ConfigureAwait(false);
        _lock?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Destination}: the export pass stopped: {Reason}")]
    private static partial void LogDestinationFailed(ILogger logger, string destination, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took back {Rows} outbox rows this worker held when it last stopped")]
    private static partial void LogTookBack(ILogger logger, int rows);
}
