using Highwater.Engine.Samples;

namespace Highwater.Engine.Tests.Running;

/// <summary>The engine end to end: a SQLite source, the buffer, the scheduler and the executor against the Marketo simulator over HTTP.</summary>
public sealed class EngineSyncTests
{
    [Fact]
    public async Task Sync_InitialLoadThenAWaveOfChanges_LeavesMarketoExactlyLikeTheSource_InBatchedCalls()
    {
        await using var f = await EngineFixture.CreateAsync(users: 1_000);
        await using (var engine = await f.OpenAsync())
        {
            var first = await engine.SyncOnceAsync(null, null, CancellationToken.None);

            var pass = Assert.Single(first.Exports);
            Assert.Equal((1_000, 0, 0, 0L), (pass.Exported, pass.Rejected, pass.RetryLater, pass.Waiting));
            Assert.Empty(await f.DifferencesAsync());

            // One planned batch: upserts of 300 records (4 calls) and each list's adds in calls of up to 300 members; nowhere near one call per user.
            Assert.Equal(4, pass.Calls["upsert"]);
            Assert.InRange(pass.Calls["listAdd"], 3, 5);
            Assert.Equal(pass.Calls["upsert"] + pass.Calls["listAdd"], pass.DataCalls);
            Assert.Equal(0, pass.RateLimitErrors);

            await f.App.ApplyAsync(new SampleDatabase.Wave(Edits: 50, NewUsers: 30, Deletions: 20, EmailChanges: 15, PlanMoves: 40, RepeatedEdits: 25), seed: 11, CancellationToken.None);
            var second = await engine.SyncOnceAsync(null, null, CancellationToken.None);

            var wave = Assert.Single(second.Exports);
            Assert.Equal(0L, wave.Waiting);
            Assert.Equal(20, wave.Deleted);
            Assert.Equal(50 + 30 + 15 + 40, wave.Exported);
            Assert.Empty(await f.DifferencesAsync());
            Assert.InRange(wave.DataCalls, 4, 12);
            Assert.Equal(0, f.Marketo.GetCounts().RateLimitRejections);
        }
    }

    [Fact]
    public async Task Sync_NothingChanged_MakesNoCall()
    {
        await using var f = await EngineFixture.CreateAsync(users: 50);
        await using var engine = await f.OpenAsync();
        await engine.SyncOnceAsync(null, null, CancellationToken.None);
        var before = f.Marketo.GetCounts().Total;

        var again = await engine.SyncOnceAsync(null, null, CancellationToken.None);

        Assert.Equal((0, 0L), (again.Exports[0].Rows, again.Exports[0].DataCalls));
        Assert.Equal(before, f.Marketo.GetCounts().Total);
    }
}
