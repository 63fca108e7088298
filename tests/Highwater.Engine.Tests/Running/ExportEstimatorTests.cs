using Highwater.Engine.Running;
using Highwater.Engine.Samples;
using Highwater.Storage.Ingest;

namespace Highwater.Engine.Tests.Running;

/// <summary>The estimate of everything waiting: the planner over the real requests, with the remote state as the lookup's answers.</summary>
public sealed class ExportEstimatorTests
{
    [Fact]
    public async Task EstimateWaiting_AWaveOfChanges_IsWhatTheExportThenSpends_AndClaimsNothing()
    {
        await using var f = await EngineFixture.CreateAsync(users: 700);
        await using var engine = await f.OpenAsync();
        await engine.SyncOnceAsync(null, null, CancellationToken.None);
        await f.App.ApplyAsync(new SampleDatabase.Wave(Edits: 60, NewUsers: 20, Deletions: 10, EmailChanges: 12, PlanMoves: 25), seed: 4, CancellationToken.None);
        await engine.PollAsync(null, CancellationToken.None);
        var marketo = engine.Destinations[0];

        var estimate = await ExportEstimator.EstimateWaitingAsync(engine.Store, marketo, engine.BatchRows(marketo), CancellationToken.None);

        Assert.Equal((127L, 0L, 1), (estimate.LiveRows, estimate.BackfillRows, estimate.Batches));
        Assert.Equal(estimate.Requests.Values.Sum(), estimate.TotalRequests);
        Assert.Equal(24, estimate.OneCallPerUserByKind["lookup"]);
        Assert.True(estimate.OneCallPerUser > 5 * estimate.TotalRequests);

        var pass = await engine.ExportAsync(marketo, int.MaxValue, null, CancellationToken.None);
        Assert.Equal((127, estimate.TotalRequests), (pass.Rows, pass.DataCalls));
        Assert.Equal(estimate.Requests, pass.Calls);
    }

    [Fact]
    public async Task EstimateWaiting_CountsEachBatchAtTheRowsGiven_InClaimOrder_AndClaimsNothing()
    {
        await using var f = await EngineFixture.CreateAsync(users: 650);
        await using var engine = await f.OpenAsync();
        await engine.PollAsync(null, CancellationToken.None);

        var estimate = await ExportEstimator.EstimateWaitingAsync(engine.Store, engine.Destinations[0], 300, CancellationToken.None);

        // 650 rows, 300 a batch: three batches of one upsert each, and the rows are all still there to claim.
        Assert.Equal((650L, 3, 3L), (estimate.Rows, estimate.Batches, estimate.Requests["upsert"]));
        Assert.Equal(650, estimate.OneCallPerUserByKind["upsert"]);
        Assert.Equal(650, (await engine.Store.Outbox.ClaimAsync("marketo", OutboxLane.Live, 1_000, "w", TimeSpan.FromMinutes(1), CancellationToken.None)).Count);
    }
}
