using System.Security.Cryptography;
using System.Text;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Core.Groups;
using Highwater.Core.Planning;
using Highwater.Core.Profiles;
using Highwater.Core.Scheduling;
using Highwater.Engine.Configuration;
using Highwater.Engine.Execution;
using Highwater.Sources.Polling;
using Highwater.Sources.Reading;
using Highwater.Sources.Regrouping;
using Highwater.Storage;
using Highwater.Storage.RateLedger;
using Microsoft.Extensions.Logging;

namespace Highwater.Engine.Running;

/// <summary>Opening an engine: its store, readers, connectors, governors and schedulers, and the worker lock.</summary>
public sealed partial class HighwaterEngine
{
    /// <summary>
    /// Opens the engine of <paramref name="config"/>: opens and migrates the store, makes the
    /// readers, connectors and governors (one per service account, its ledger in the store), takes
    /// the worker lock, and gives back the leases this worker held when it last stopped.
    /// </summary>
    /// <exception cref="EngineBusyException">Another process runs as this worker.</exception>
    /// <exception cref="InvalidOperationException">A secret or a source cannot be resolved; the message names which.</exception>
    public static async Task<HighwaterEngine> OpenAsync(HighwaterConfig config, EngineOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var worker = options.Worker ?? DefaultWorker(config);
        var engineLock = options.TakeLock ? EngineLock.Acquire(worker) : null;
        IBufferStore? store = null;
        var readers = new List<ISourceReader>();
        var clients = new List<HttpClient>();
        try
        {
            store = await OpenStoreAsync(config, options, cancellationToken).ConfigureAwait(false);

            var groups = new GroupEvaluator(config.Groups.Values, options.Time);
            var merger = new ProfileMerger(groups);
            var scopes = config.Destinations.Values.Select(Scope).ToList();
            var sources = new Dictionary<string, (SourcePoller, ISourceReader)>(StringComparer.Ordinal);
            foreach (var (name, source) in config.Sources)
            {
                var definition = source.Connection.IsReference
                    ? source.Definition with { Connection = Resolve($"sources.{name}.connection", source.Connection, options) }
                    : source.Definition;
                var reader = SourceReaderFactory.Create(definition);
                readers.Add(reader);
                sources[name] = (new SourcePoller(reader, store, merger, scopes, options.Time, options.LoggerFactory.CreateLogger<SourcePoller>()), reader);
            }

            var refresher = new GroupRefresher(store, groups, scopes, options.Time, options.LoggerFactory.CreateLogger<GroupRefresher>());
            var governors = new Dictionary<(string, string), (RateGovernor Governor, GovernedCallGate Gate)>();
            var ledger = new StoreQuotaLedger(store.RateLedger);
            var destinations = new List<DestinationRuntime>();
            foreach (var destination in config.Destinations.Values)
            {
                var account = (destination.Kind, destination.Account);
                if (!governors.TryGetValue(account, out var governed))
                {
                    var governor = new RateGovernor(new RatePolicy(ConnectorCatalog.Policy(destination)), ledger, options.Time, worker);
                    governed = (governor, new GovernedCallGate(governor));
                    governors[account] = governed;
                }

                var gate = new CountingCallGate(governed.Gate);
                var http = options.HttpClientFactory?.Invoke(destination.Name) ?? new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
                clients.Add(http);
                var connector = ConnectorCatalog.Create(destination, http, gate, options.Time, options.Environment, options.LoggerFactory);
                var plannerOptions = new PlannerOptions { Mode = destination.SyncMode, OnKeyConflict = destination.OnKeyConflict, ForeignKeyName = destination.ForeignKey, QuotaLeft = governed.Governor.DayQuotaLeft };
                foreach (var (group, list) in destination.Lists)
                {
                    plannerOptions.ListsByGroup[group] = list;
                }

                var planner = new Planner(connector.Capabilities, plannerOptions);
                var executor = new PlanExecutor(planner, connector, destination.Lists, options.Executor, options.Time, options.LoggerFactory.CreateLogger<PlanExecutor>());
                var scheduler = new BatchScheduler(destination.Name, SchedulerOptionsFor(destination), governed.Governor, options.Time);
                destinations.Add(new DestinationRuntime(destination, governed.Governor, gate, connector, planner, executor, scheduler, Scope(destination)));
            }

            var released = await store.Outbox.ReleaseHeldByAsync(worker, cancellationToken).ConfigureAwait(false);
            var engine = new HighwaterEngine(config, options, store, worker, sources, refresher, destinations, clients, engineLock);
            if (released > 0)
            {
                LogTookBack(engine._logger, released);
            }

            return engine;
        }
        catch
        {
            foreach (var reader in readers)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var client in clients)
            {
                client.Dispose();
            }

            if (store is not null)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }

            engineLock?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens and migrates the buffer store of <paramref name="config"/> alone: no source, connector,
    /// worker lock or lease is touched, so it is safe beside a running worker. For commands that read
    /// the buffer (<c>status</c>) or manage its dead letters.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store's connection reference cannot be resolved; the message names it.</exception>
    /// <exception cref="BufferUnavailableException">The store cannot be reached or opened; the message names which and where.</exception>
    public static async Task<IBufferStore> OpenStoreAsync(HighwaterConfig config, EngineOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var connection = Resolve("store", config.Store.Connection, options);
        if (config.Store.Kind == "sqlite" && !connection.Contains('=', StringComparison.Ordinal) && Path.GetDirectoryName(Path.GetFullPath(connection)) is { } folder)
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (BufferStoreFactory.Unavailable(connection, e) is { } unavailable)
            {
                throw unavailable;
            }
        }

        var store = BufferStoreFactory.Create(connection, options.Time);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && BufferStoreFactory.Unavailable(connection, e) is { } unavailable)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw unavailable;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The default worker name: this machine and the configuration file.</summary>
    public static string DefaultWorker(HighwaterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var path = Path.GetFullPath(config.Path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..12];
        return $"{Environment.MachineName}:{hash}";
    }

    private static DestinationScope Scope(DestinationConfig destination)
    {
        var properties = new HashSet<string>(destination.Fields.Values, StringComparer.Ordinal) { destination.ForeignKey };
        return new DestinationScope(destination.Name, properties, new HashSet<string>(destination.Lists.Keys, StringComparer.Ordinal));
    }

    internal static SchedulerOptions SchedulerOptionsFor(DestinationConfig destination) => new()
    {
        Mode = destination.Adaptive ? SchedulerMode.Adaptive : SchedulerMode.Fixed,
        BatchWindow = destination.Window,
        MinWindow = destination.Window < TimeSpan.FromMinutes(1) ? destination.Window : TimeSpan.FromMinutes(1),
        BatchSize = destination.BatchSize,
        MaxBatchSize = Math.Max(destination.BatchSize, 5_000),
    };

    private static string Resolve(string what, SecretValue secret, EngineOptions options)
    {
        try
        {
            return secret.Resolve(options.Environment);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{what}: {ex.Message}", ex);
        }
    }
}
