using System.Diagnostics;
using Highwater.Connectors.Marketo;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Core.Model;
using Highwater.Core.Planning;
using Highwater.Engine.Execution;
using Highwater.Simulators.Marketo;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Engine.Tests.Execution;

/// <summary>
/// The executor, the real rate governor and the Marketo connector against the Marketo simulator,
/// all on one fake clock: what happens when the service's limits bite mid-batch.
/// </summary>
public sealed class ExecutorOnMarketoTests
{
    // 22:00 in Chicago (CST, UTC-6) on 4 March 2026: two hours before the daily quota resets.
    private static readonly DateTimeOffset Evening = new(2026, 3, 5, 4, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ChicagoMidnight = new(2026, 3, 5, 6, 0, 0, TimeSpan.Zero);

    private static ExportRequest Request(int i, params string[] groups) => new()
    {
        ProfileKey = "p" + i,
        ForeignKey = $"user{i}@example.com",
        Fields = new Dictionary<string, string?> { ["email"] = $"user{i}@example.com", ["firstName"] = "User" + i },
        Groups = groups.ToHashSet(StringComparer.Ordinal),
    };

    [Fact]
    public async Task Export_DailyQuotaSpentByOthers_StopsUntilTheReset_ThenTheSameBatchEndsWhole()
    {
        var time = new FakeTimeProvider(Evening);
        await using var simulator = await MarketoSimulator.StartAsync(new MarketoSimulatorOptions { TimeProvider = time });
        simulator.Seed(new MarketoSeed(["VIP"], null));

        // Other integrations spent all but two of today's calls: the governor cannot know until Marketo says 607.
        simulator.SetFaults(new MarketoFaults { SpentToday = 49_998 });
        var governor = new RateGovernor(new RatePolicy(MarketoService.Policy("acme")), new InMemoryQuotaLedger(), time);
        var gate = new GovernedCallGate(governor);
        using var http = new HttpClient();
        using var connector = new MarketoConnector(http, new MarketoConnectorOptions { BaseAddress = simulator.BaseAddress, ClientId = "sim-client", ClientSecret = "sim-secret" }, gate, time);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal) { ["vip"] = "VIP" };
        var options = new PlannerOptions();
        options.ListsByGroup["vip"] = "VIP";
        var executor = new PlanExecutor(new Planner(connector.Capabilities, options), connector, mapping, new ExecutorOptions { RetryDelay = TimeSpan.Zero }, time);
        var batch = Enumerable.Range(1, 450).Select(i => Request(i, i % 3 == 0 ? ["vip"] : [])).ToList();

        // The day's quota is a failure of the destination: the pass stops spending and says until when
        // (midnight in Chicago), rather than sleeping through the night (issue 15, item 1).
        var stopped = await Assert.ThrowsAsync<ServiceCallException>(() => executor.ExportAsync(batch, null, CancellationToken.None));
        Assert.Equal(ServiceCallFailure.QuotaSpent, stopped.Failure);
        Assert.Equal(ChicagoMidnight, stopped.RetryAt);
        Assert.True(time.GetUtcNow() < ChicagoMidnight, "the export slept until the reset instead of stopping");

        // Only calls already in flight when the first 607 came back can meet another (the executor
        // runs up to 4 calls of a step at once); after it, nothing is sent until the reset.
        Assert.InRange(simulator.GetCounts().RateLimitRejections, 1, 4);

        // After the reset the same batch (the rows waited in the outbox) ends whole: nothing lost, nothing twice.
        time.SetUtcNow(ChicagoMidnight + TimeSpan.FromMinutes(1));
        var result = await executor.ExportAsync(batch, null, CancellationToken.None);

        Assert.All(result.Profiles, p => Assert.Equal(ProfileOutcome.Exported, p.Outcome));
        var state = simulator.GetState();
        Assert.Equal(450, state.Records.Count);
        Assert.Equal(450, state.Records.Select(r => r.Email).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(150, state.Records.Count(r => (r.Lists ?? []).Contains("VIP")));
    }

    [Fact]
    public async Task Export_TokensExpireAndCallsFailMidBatch_StillConvergesWithoutDuplicates()
    {
        var time = new FakeTimeProvider(Evening);
        await using var simulator = await MarketoSimulator.StartAsync(new MarketoSimulatorOptions { TimeProvider = time, RandomSeed = 7 });
        simulator.Seed(new MarketoSeed(["VIP"], null));
        var gate = new TallyingCallGate();
        using var http = new HttpClient();
        using var connector = new MarketoConnector(http, new MarketoConnectorOptions { BaseAddress = simulator.BaseAddress, ClientId = "sim-client", ClientSecret = "sim-secret" }, gate, time);
        var options = new PlannerOptions();
        options.ListsByGroup["vip"] = "VIP";
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal) { ["vip"] = "VIP" };
        var executor = new PlanExecutor(new Planner(KnownServices.Marketo, options), connector, mapping, new ExecutorOptions { RetryDelay = TimeSpan.Zero, MaxRetries = 8 }, time);

        var first = await executor.ExportAsync([Request(0)], null, CancellationToken.None);
        Assert.Equal(ProfileOutcome.Exported, first.Profiles[0].Outcome);

        // The token the connector holds dies on Marketo's side while it still believes it valid (602).
        simulator.SetFaults(new MarketoFaults { ServerErrorRate = 0.2, DropRate = 0.2, ExpireTokens = true });
        var result = await executor.ExportAsync([.. Enumerable.Range(1, 900).Select(i => Request(i, i % 2 == 0 ? ["vip"] : []))], null, CancellationToken.None);

        simulator.SetFaults(new MarketoFaults { ServerErrorRate = 0, DropRate = 0 });
        Assert.All(result.Profiles, p => Assert.Equal(ProfileOutcome.Exported, p.Outcome));
        var state = simulator.GetState();
        Assert.Equal(901, state.Records.Select(r => r.Email).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(901, state.Records.Count);
        Assert.Equal(450, state.Records.Count(r => (r.Lists ?? []).Contains("VIP")));
        Assert.True(gate.Tally.Metadata.GetValueOrDefault("auth") >= 2, "the expired token should have been replaced");
    }

    /// <summary>
    /// Moves the fake clock to the end of every pause the governor is in, while the export runs:
    /// the clock moves only when the governor says the export is waiting, never under a request.
    /// </summary>
    private static async Task AdvanceWhilePausedAsync(FakeTimeProvider time, RateGovernor governor, Task export, TimeSpan limit)
    {
        var end = time.GetUtcNow() + limit;
        var wall = Stopwatch.StartNew();
        var idle = 0;
        while (!export.IsCompleted && time.GetUtcNow() < end)
        {
            await Task.WhenAny(export, Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System));
            var snapshot = await governor.GetSnapshotAsync(CancellationToken.None);
            var until = snapshot.Windows.Select(w => w.PausedUntil).Append(snapshot.PausedUntil).Max();
            if (!export.IsCompleted && until is { } resume && resume > time.GetUtcNow())
            {
                time.Advance(resume - time.GetUtcNow() + TimeSpan.FromSeconds(1));
                idle = 0;
            }
            else if (!export.IsCompleted && snapshot.InFlight == 0 && ++idle >= 25)
            {
                // No pause and no call in flight for half a second: the export waits on a timer of
                // the governor's own (a lowered concurrency limit recovering after the 607s met
                // each other, say), so let a second pass. Never under a request.
                time.Advance(TimeSpan.FromSeconds(1));
                idle = 0;
            }

            Assert.True(wall.Elapsed < TimeSpan.FromMinutes(1), $"the export made no progress for a minute of real time at {time.GetUtcNow():O}: {snapshot}");
        }

        Assert.True(export.IsCompleted, $"the export did not finish within {limit} of simulated time");
    }
}
