using Highwater.Core.Capabilities;
using Highwater.Core.Governor;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Storage;
using Highwater.Storage.Marks;

namespace Highwater.Engine.DryRuns;

/// <summary>
/// <c>plan</c>'s dry run. On SQLite it copies the buffer to a temporary file and opens the engine on
/// the copy: the sources are polled into it and the groups refreshed, so the real marks never move
/// and the real outbox is never touched. On PostgreSQL there is no file to copy and polling would
/// move the shared marks, so nothing is polled: the figures cover what already waits, read without
/// claiming. Either way each destination's waiting rows are planned against Highwater's remote state
/// (<see cref="ExportEstimator"/>) and held against the quota its governor's ledger has left.
/// </summary>
/// <remarks>
/// The engine it opens has placeholder credentials and an HTTP handler that refuses every request:
/// no service is called, for reading or writing, and no secret is resolved.
/// </remarks>
public static class DryRunner
{
    private const string Placeholder = "unused: a dry run calls no service";

    /// <summary>Runs the dry run of <paramref name="config"/>.</summary>
    /// <exception cref="InvalidOperationException">The store or a source cannot be resolved; the message names which.</exception>
    public static async Task<DryRunReport> RunAsync(HighwaterConfig config, EngineOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var folder = Directory.CreateTempSubdirectory("highwater-plan-").FullName;
        try
        {
            var polled = config.Store.Kind == "sqlite";
            var scratch = WithoutSecrets(config);
            if (polled)
            {
                var copy = Path.Combine(folder, "buffer.db");
                await BufferStoreFactory.CopySqliteAsync(config.Store.Connection.Resolve(options.Environment), copy, cancellationToken).ConfigureAwait(false);
                scratch = scratch with { Store = new StoreConfig("sqlite", SecretValue.Of(copy)) };
            }

            var engineOptions = new EngineOptions
            {
                Time = options.Time,
                LoggerFactory = options.LoggerFactory,
                Environment = options.Environment,
                Worker = $"plan:{Guid.NewGuid():N}",
                TakeLock = false,
                HttpClientFactory = _ => new HttpClient(new NoServiceCalls()),
            };
            await using var engine = await HighwaterEngine.OpenAsync(scratch, engineOptions, cancellationToken).ConfigureAwait(false);
            var marks = new Dictionary<string, SourceMark?>(StringComparer.Ordinal);
            foreach (var source in engine.Sources)
            {
                marks[source] = (await engine.Store.Sources.GetPollStartAsync(source, cancellationToken).ConfigureAwait(false)).Mark;
            }

            var report = new DryRunReport
            {
                At = options.Time.GetUtcNow(),
                Store = config.Store.Kind,
                Polled = polled,
                NotPolledReason = polled ? null : "the buffer is PostgreSQL, shared by the workers: a dry run cannot poll into a copy of it, and polling it would move the real marks. The figures cover the rows already waiting, read without claiming them; run `highwater sync` to take in the sources' new changes first.",
                MarksBefore = marks,
                Destinations = [],
            };
            if (polled)
            {
                report = report with
                {
                    Polls = await engine.PollAsync(null, cancellationToken).ConfigureAwait(false),
                    GroupRefresh = await engine.RefreshGroupsAsync(cancellationToken).ConfigureAwait(false),
                };
            }

            var destinations = new List<DestinationDryRun>();
            foreach (var destination in engine.Destinations)
            {
                destinations.Add(await PlanAsync(engine, destination, cancellationToken).ConfigureAwait(false));
            }

            return report with { Destinations = destinations };
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TryDelete(folder);
        }
    }

    private static async Task<DestinationDryRun> PlanAsync(HighwaterEngine engine, DestinationRuntime destination, CancellationToken cancellationToken)
    {
        var estimate = await ExportEstimator.EstimateWaitingAsync(engine.Store, destination, engine.BatchRows(destination), cancellationToken).ConfigureAwait(false);
        AdoptionCost? adoption = null;
        var state = await engine.Store.Destinations.GetAsync(destination.Name, cancellationToken).ConfigureAwait(false);
        if (HighwaterEngine.NeedsAdoption(destination) && state?.AdoptedLists != destination.ListsKey)
        {
            adoption = new AdoptionCost([.. destination.Config.Lists.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], ConnectorCatalog.MembersPerCall(destination.Config));
        }

        var forecast = await destination.Scheduler.ForecastAsync(cancellationToken).ConfigureAwait(false);
        var windows = destination.Governor.Policy.Windows;
        var day = windows.FirstOrDefault(w => w.IsDayLong && w.Name == forecast.QuotaWindow);
        var run = new DestinationDryRun
        {
            Name = destination.Name,
            Kind = destination.Config.Kind,
            Account = destination.Config.Account,
            Estimate = estimate,
            Adoption = adoption,
            Metadata = Metadata(destination, estimate, adoption, firstExport: state?.LastRunAt is null),
            Forecast = forecast,
            UsablePerDay = day?.Usable,
            QuotaZone = (day as CalendarWindow)?.TimeZone ?? TimeZoneInfo.Utc,
        };

        // The short windows pace the calls however much of the day is left: 100 per 20 s carries
        // 1,000 calls in 200 s at best.
        var atLeast = windows
            .Where(w => !w.IsDayLong && w.Usable > 0)
            .Select(w => TimeSpan.FromTicks((long)(w.NominalLength.Ticks * ((double)run.Needed / w.Usable))))
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();
        return run with { AtLeast = atLeast };
    }

    // A sync signs in and resolves the mapped lists once, when it exports a batch or adopts the
    // lists; before the destination's first export the lists may not exist yet and are created.
    private static MetadataCost Metadata(DestinationRuntime destination, ExportEstimate estimate, AdoptionCost? adoption, bool firstExport)
    {
        var exports = estimate.Batches > 0;
        if (!exports && adoption is null)
        {
            return new MetadataCost(0, 0, 0);
        }

        var (lookups, creations) = destination.Connector.Capabilities.Membership.Style != MembershipStyle.None || adoption is not null
            ? ConnectorCatalog.ListCalls(destination.Config)
            : (0, 0);
        var unpriced = exports ? ConnectorCatalog.UnpricedMetadata(destination.Config) : null;
        return new MetadataCost(1, lookups, firstExport ? creations : 0, unpriced);
    }

    private static HighwaterConfig WithoutSecrets(HighwaterConfig config) => config with
    {
        Destinations = config.Destinations.ToDictionary(
            d => d.Key,
            d => d.Value with { Credentials = d.Value.Credentials.ToDictionary(c => c.Key, _ => SecretValue.Of(Placeholder), StringComparer.Ordinal) },
            StringComparer.Ordinal),
    };

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow file system; the temporary folder is cleaned eventually.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
