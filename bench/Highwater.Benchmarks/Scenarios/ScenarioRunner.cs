using System.Text.Json;
using System.Text.Json.Nodes;
using Highwater.Connectors;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Core.Model;
using Highwater.Core.Planning;
using Highwater.Engine.Execution;
using Highwater.Simulators.Modules;

namespace Highwater.Benchmarks.Scenarios;

/// <summary>
/// <c>scenario FILE.json [--base-url URL]</c>: runs one export of a scenario through the real
/// planner, executor, rate governor and connector, and prints one JSON line last (the contract in
/// bench/README.md). Without <c>--base-url</c> it starts and seeds its own simulator and checks
/// convergence; with it, it uses that service as it is and prints <c>converged: null</c>.
/// </summary>
internal static class ScenarioRunner
{
    public const string Command = "scenario";

    private static readonly string[] ReportedKinds = ["lookup", "delete", "update", "create", "upsert", "listAdd", "listRemove"];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("usage: scenario FILE.json [--base-url URL]").ConfigureAwait(false);
            return 2;
        }

        Uri? baseUrl = null;
        var at = Array.IndexOf(args, "--base-url");
        if (at > 0)
        {
            if (at + 1 >= args.Length || !Uri.TryCreate(args[at + 1], UriKind.Absolute, out baseUrl))
            {
                await Console.Error.WriteLineAsync("--base-url needs an absolute URL, e.g. http://127.0.0.1:5000/").ConfigureAwait(false);
                return 2;
            }
        }

        Scenario scenario;
        try
        {
            scenario = Scenario.Load(args[1]);
            _ = ScenarioServices.Get(scenario.Service);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        var report = await RunAsync(scenario, baseUrl, CancellationToken.None).ConfigureAwait(false);
        foreach (var difference in report.Differences ?? [])
        {
            await Console.Error.WriteLineAsync("not converged: " + difference).ConfigureAwait(false);
        }

        await output.WriteLineAsync(JsonSerializer.Serialize(report with { Differences = null }, Scenario.Json)).ConfigureAwait(false);
        return 0;
    }

    public static async Task<ScenarioReport> RunAsync(Scenario scenario, Uri? baseUrl, CancellationToken cancellationToken)
    {
        var service = ScenarioServices.Get(scenario.Service);
        IAsyncDisposable? simulator = null;
        var ownSimulator = baseUrl is null;
        try
        {
            if (ownSimulator)
            {
                var running = await service.Simulator.StartAsync(new SimulatorStart { DailyQuota = service.SimulatorDailyQuota }, cancellationToken).ConfigureAwait(false);
                (baseUrl, simulator) = (running.BaseAddress, running);
            }

            using var admin = new HttpClient { BaseAddress = baseUrl };
            var sim = new SimulatorAdmin(admin);
            if (ownSimulator)
            {
                await sim.SeedAsync(scenario, cancellationToken).ConfigureAwait(false);
                if (scenario.Faults is { } faults)
                {
                    await sim.FaultsAsync(faults, cancellationToken).ConfigureAwait(false);
                }
            }

            var time = TimeProvider.System;
            var policy = new RatePolicy(ServiceModules.Get(scenario.Service).Policy("scenario", null));
            var governed = new GovernedCallGate(new RateGovernor(policy, new InMemoryQuotaLedger(), time));
            var gate = new SignalCountingGate(governed);
            var connector = service.CreateConnector(baseUrl!, gate, time);

            var mode = Mode(scenario.SyncMode);
            var options = new PlannerOptions { Mode = mode, QuotaLeft = governed.Governor.DayQuotaLeft };
            foreach (var (group, list) in scenario.Lists)
            {
                options.ListsByGroup[group] = list;
            }

            var planner = new Planner(connector.Capabilities, options);
            // With faults, one call at a time: the simulator's seeded draws then fall on the same
            // requests in every run, whatever the machine's load (four at once let their order, and
            // so which call draws five failures in a row, follow the scheduler's timing).
            var executor = new PlanExecutor(planner, connector, scenario.Lists, new ExecutorOptions { RetryDelay = TimeSpan.FromMilliseconds(200), Parallelism = scenario.Faults is null ? 4 : 1 }, time);
            // Lists that exist with members Highwater did not put there are adopted first (metadata
            // calls), as the engine does on a first sync, so the diff base of records never
            // exported is exact where the lookup cannot answer memberships.
            var adopted = await executor.AdoptListsAsync(cancellationToken).ConfigureAwait(false);

            var observed = scenario.Lists.Count > 0 && ListAdoption.IsNeeded(connector);
            var result = await executor.ExportAsync(Requests(scenario, adopted, observed), observer: null, cancellationToken).ConfigureAwait(false);

            bool? converged = null;
            IReadOnlyList<string>? differences = null;
            if (ownSimulator)
            {
                if (scenario.Faults is not null)
                {
                    await sim.FaultsAsync(new JsonObject { ["serverErrorRate"] = 0.0, ["dropRate"] = 0.0, ["slowMillis"] = 0 }, cancellationToken).ConfigureAwait(false);
                }

                differences = Convergence.Differences(scenario, await sim.StateAsync(cancellationToken).ConfigureAwait(false));
                converged = differences.Count == 0;
            }

            var byKind = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var kind in ReportedKinds)
            {
                byKind[kind] = 0;
            }

            foreach (var (kind, count) in governed.Tally.Data)
            {
                byKind[kind] = count;
            }

            return new ScenarioReport
            {
                Service = scenario.Service,
                Calls = governed.Tally.DataCalls,
                CallsByKind = byKind,
                MetadataCalls = governed.Tally.MetadataCalls,
                Rejected = result.Count(ProfileOutcome.Rejected),
                RateLimitErrors = gate.RateLimitErrors,
                Converged = converged,
                Differences = differences is { Count: > 0 } ? differences : null,
                RetryLater = result.Count(ProfileOutcome.RetryLater),
            };
        }
        finally
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The batch as the buffer would hand it to the exporter.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="adopted">What the adoption of the mapped lists read, by foreign key.</param>
    /// <param name="observed">Whether that adoption told the lists of every profile (a profile never exported and not found in them is in none).</param>
    internal static List<ExportRequest> Requests(Scenario scenario, IReadOnlyDictionary<string, ExportedState>? adopted = null, bool observed = false)
    {
        var known = scenario.Known.ToDictionary(k => k.Key, StringComparer.Ordinal);
        var requests = new List<ExportRequest>(scenario.Profiles.Count);
        foreach (var profile in scenario.Profiles)
        {
            known.TryGetValue(profile.Key, out var last);
            var previous = profile.PreviousEmail
                ?? (last is not null && !ForeignKeys.Comparer.Equals(last.Email, profile.Email) ? last.Email : null);
            requests.Add(new ExportRequest
            {
                ProfileKey = profile.Key,
                ForeignKey = profile.Email,
                PreviousForeignKey = previous,
                Fields = profile.Fields,
                Groups = profile.Groups.ToHashSet(StringComparer.Ordinal),
                Delete = profile.Delete,
                ListsObserved = observed && last is null && Adopted(adopted, profile) is null,
                LastExported = last is null ? Adopted(adopted, profile) : new ExportedState
                {
                    RemoteId = last.RemoteId,
                    Fields = last.Fields,
                    Lists = last.Groups.Select(g => scenario.Lists.GetValueOrDefault(g)).OfType<string>().ToHashSet(StringComparer.Ordinal),
                },
            });
        }

        return requests;
    }

    /// <summary>A profile never exported, found as a member of an adopted list: its id and lists are known, its fields are not.</summary>
    private static ExportedState? Adopted(IReadOnlyDictionary<string, ExportedState>? adopted, ScenarioProfile profile) =>
        adopted is null ? null
        : adopted.GetValueOrDefault(profile.Email) ?? (profile.PreviousEmail is { } old ? adopted.GetValueOrDefault(old) : null);

    private static SyncMode Mode(string mode) => mode switch
    {
        "sync" => SyncMode.Sync,
        "additive" => SyncMode.Additive,
        "enrich" => SyncMode.Enrich,
        _ => throw new InvalidDataException($"syncMode must be sync, additive or enrich (was '{mode}')"),
    };
}
