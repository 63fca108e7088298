using Highwater.Core.Connectors;
using Highwater.Core.Model;
using Highwater.Core.Planning;
using Highwater.Simulators.Pardot;
using static Highwater.Connectors.Tests.Pardot.PardotContractHarness;

namespace Highwater.Connectors.Tests.Pardot;

/// <summary>
/// Which path a batch takes on Pardot and what it costs, over HTTP to the simulator: the real
/// planner (with the connector's capabilities and the day's quota left) plans the batch and each
/// planned call is sent in plan order, as the executor does.
/// </summary>
[Collection(InFlightCollection.Name)]
public sealed class PardotPathChoiceTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Additive277Writes51UnknownIds_OneImportJob_NotFiftySevenLookupsAndBatchCalls()
    {
        await using var h = await StartAsync(connector: o => o.ImportPollInterval = Poll);
        // 100 deleted profiles leave their lists (additive keeps the prospects); 126 exported before
        // change a field; 31 Highwater never exported and 20 new ones: 277 writes, 51 ids unknown,
        // 177 of them could go either way (fewer than the 200 a job used to need).
        var seeded = Enumerable.Range(0, 257).Select(i => new PardotSimRecord(null, Email(i), new Dictionary<string, string?> { ["first_name"] = "Old" }, i < 100 ? ["Trial", "VIP"] : i % 2 == 0 ? ["Trial"] : [])).ToList();
        h.Simulator.Seed(new PardotSeed(["VIP", "Trial"], seeded));
        var ids = h.Simulator.GetState().Records.ToDictionary(r => r.Email!, r => r.Id!, StringComparer.OrdinalIgnoreCase);
        var batch = Enumerable.Range(0, 277).Select(i => i < 100
            ? Request(i, ids[Email(i)], ["Trial", "VIP"]) with { Delete = true }
            : Request(i, i < 226 ? ids[Email(i)] : null, i % 2 == 0 ? ["Trial"] : [])).ToList();

        var plan = await RunAsync(h, batch, SyncMode.Additive, quotaLeft: 1);

        Assert.Equal(ExportPath.Bulk, plan.PathChoice!.Path);
        Assert.Equal((177, 55, 5, 20), (plan.PathChoice.Records, plan.PathChoice.BatchRequests, plan.PathChoice.BulkRequests, plan.PathChoice.WorthSaving));
        // One job (create, one CSV batch, Ready, three reads of the running job: its 150 s at 60,
        // 120 and 180 s) and the 100 list leavings in two batchUpserts: 8 calls, no lookup.
        Assert.Equal((6L, 2L, 8L), (h.Gate.Tally.DataOf("import"), h.Gate.Tally.DataOf("update"), h.Gate.Tally.DataCalls));
        Assert.Equal((6L, 2L, 0L), (h.Simulator.GetCounts().Of("import"), h.Simulator.GetCounts().Of("upsert"), h.Simulator.GetCounts().Of("lookup")));
        var state = h.Simulator.GetState().Records;
        Assert.Equal(Enumerable.Range(0, 277).Select(Email), state.Select(r => r.Email!).Order(StringComparer.Ordinal));
        Assert.All(state, r =>
        {
            var i = Index(r);
            Assert.Equal(i < 100 ? "Old" : $"New{i}", r.Fields!["first_name"]);
            Assert.Equal(i < 100 ? [] : ["Trial", "VIP"], r.Lists!.Order(StringComparer.Ordinal));
        });
    }

    [Fact]
    public async Task TwentyUnknownIds_QuotaWhole_BatchPath_ForItsSpeed_QuotaLow_TheJob()
    {
        await using (var whole = await StartAsync(connector: o => o.ImportPollInterval = Poll))
        {
            whole.Simulator.Seed(new PardotSeed(["VIP", "Trial"], null));
            var plan = await RunAsync(whole, [.. Enumerable.Range(0, 20).Select(i => Request(i, null, []))], SyncMode.Sync, quotaLeft: 1);

            // 20 lookups and one batchUpsert (21) against a job's 5: 16 saved, less than the 20 a job's wait is worth.
            Assert.Equal(ExportPath.Batch, plan.PathChoice!.Path);
            Assert.Equal("batch calls: 21 calls; a bulk job would save 16, fewer than the 20 its wait is worth with 100% of the day's quota left", plan.PathChoice.Reason);
            Assert.Equal((20L, 1L, 0L), (whole.Gate.Tally.DataOf("lookup"), whole.Gate.Tally.DataOf("create"), whole.Gate.Tally.DataOf("import")));
            AssertEveryProspectOnce(whole, 20);
        }

        await using var low = await StartAsync(connector: o => o.ImportPollInterval = Poll);
        low.Simulator.Seed(new PardotSeed(["VIP", "Trial"], null));
        var cheap = await RunAsync(low, [.. Enumerable.Range(0, 20).Select(i => Request(i, null, []))], SyncMode.Sync, quotaLeft: 0.25);

        // With a quarter of the day left a job's wait is worth 5 calls: the 16 it saves buy it.
        Assert.Equal(ExportPath.Bulk, cheap.PathChoice!.Path);
        Assert.Equal(5, cheap.PathChoice.WorthSaving);
        Assert.Equal((0L, 6L), (low.Gate.Tally.DataOf("lookup"), low.Gate.Tally.DataCalls));
        AssertEveryProspectOnce(low, 20);
    }

    private static string Email(int i) => $"p{i:D3}@example.com";

    private static int Index(PardotSimRecord record) => int.Parse(record.Email![1..4], System.Globalization.CultureInfo.InvariantCulture);

    private static ExportRequest Request(int i, string? remoteId, string[] lists) => new()
    {
        ProfileKey = $"k{i}",
        ForeignKey = Email(i),
        Fields = new Dictionary<string, string?> { ["email"] = Email(i), ["first_name"] = $"New{i}" },
        Groups = new HashSet<string>(["vip", "trial"], StringComparer.Ordinal),
        LastExported = remoteId is null ? null : new ExportedState
        {
            RemoteId = remoteId,
            Fields = new Dictionary<string, string?> { ["email"] = Email(i), ["first_name"] = "Old" },
            Lists = new HashSet<string>(lists, StringComparer.Ordinal),
        },
    };

    /// <summary>Every prospect exactly once under its e-mail, with its new first name, in VIP and Trial.</summary>
    private static void AssertEveryProspectOnce(PardotContractHarness h, int count)
    {
        var state = h.Simulator.GetState().Records;
        Assert.Equal(Enumerable.Range(0, count).Select(Email), state.Select(r => r.Email!).Order(StringComparer.Ordinal));
        Assert.All(state, r =>
        {
            Assert.Equal($"New{Index(r)}", r.Fields!["first_name"]);
            Assert.Equal(["Trial", "VIP"], r.Lists!.Order(StringComparer.Ordinal));
        });
    }

    /// <summary>Plans the batch (lookups answered by the connector), sends every call in plan order, and answers the plan.</summary>
    private static async Task<Plan> RunAsync(PardotContractHarness h, List<ExportRequest> batch, SyncMode mode, double quotaLeft)
    {
        var options = new PlannerOptions { Mode = mode, QuotaLeft = () => quotaLeft };
        options.ListsByGroup["vip"] = "VIP";
        options.ListsByGroup["trial"] = "Trial";
        var planner = new Planner(h.Connector.Capabilities, options);
        await h.Connector.EnsureListsAsync([.. options.ListsByGroup.Values], createMissing: false, default);
        var phase = planner.PlanLookup(batch);
        var answers = new List<RemoteMatch>();
        foreach (var call in phase.Step.Calls)
        {
            answers.AddRange(await h.Connector.LookupAsync(call, default));
        }

        var plan = planner.PlanWrites(phase, answers);
        foreach (var step in plan.Steps.Where(s => s.Kind != StepKind.Lookup))
        {
            foreach (var call in step.Calls)
            {
                var sending = h.DriveAsync(() => h.Connector.ExecuteAsync(call, default), Poll);
                if (await Task.WhenAny(sending, Task.Delay(TimeSpan.FromSeconds(30))) != sending)
                {
                    Assert.Fail($"the {call.Kind}{(call.Bulk ? " (bulk)" : "")} call of {call.Records.Count} records had no answer after 30 s; calls so far: {string.Join(", ", h.Gate.Tally.Data.Select(p => $"{p.Key} {p.Value}"))}; clock {h.Time.GetUtcNow():O}, timers signalled {h.Watch.TimerCreated.CurrentCount}");
                }

                var result = await sending;
                Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
            }
        }

        return plan;
    }
}
