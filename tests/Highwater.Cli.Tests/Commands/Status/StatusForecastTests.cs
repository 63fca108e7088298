using System.Globalization;
using Highwater.Engine.Samples;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Cli.Tests.Commands.Status;

/// <summary>
/// <c>status</c> after real syncs through the engine and the Marketo simulator: it does not
/// contradict itself, and its forecast does not read a backfill as a steady rate.
/// </summary>
public sealed class StatusForecastTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [Fact]
    public async Task Status_AfterAFirstSync_SaysTheBatchWasCosted_AndForecastsNoRateFromTheBackfill()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 1_000);
        var pass = (await f.SyncAsync()).Exports[0];
        var counts = f.Marketo.GetCounts();
        var used = counts.Total - counts.Of("auth");

        var result = SampleProjectFixture.Run("status", "--config", f.ConfigPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(counts.Total, pass.DataCalls + pass.MetadataCalls);
        Assert.DoesNotContain("no batch has been costed yet", result.Output, StringComparison.Ordinal);
        var forecast = Assert.Single(result.OutputLines, line => line.StartsWith("at the last run: window ", StringComparison.Ordinal));
        Assert.StartsWith("at the last run: window 5m: as configured, not adapted yet (a running worker adapts it to the forecast at its next decision). ", forecast, StringComparison.Ordinal);

        // The 1,000 users were the source's content before the first poll: paid once, not a rate of 1,000 a minute.
        Assert.Contains("; at 0.0 changes/min, 0 waiting and ", forecast, StringComparison.Ordinal);
        Assert.EndsWith(string.Create(Invariant, $", expected use by the reset is {used:N0}"), forecast, StringComparison.Ordinal);
        Assert.Contains(result.OutputLines, line => line.StartsWith(string.Create(Invariant, $"quota (day): {used:N0} of 50,000 used (reserve 10,000), "), StringComparison.Ordinal)
            && line.EndsWith("; not forecast to run out before the reset", StringComparison.Ordinal));
        var lastRun = Assert.Single(result.OutputLines, line => line.StartsWith("last run ", StringComparison.Ordinal));
        Assert.EndsWith(string.Create(Invariant, $": 1 batch, 1,000 exported, 0 deleted, 0 to retry, 0 failed; {pass.DataCalls:N0} calls and {pass.MetadataCalls:N0} metadata calls, 0 rate-limit errors"), lastRun, StringComparison.Ordinal);
        Assert.Equal(used, int.Parse(result.Row("marketo")[3], NumberStyles.AllowThousands, Invariant));
    }

    [Fact]
    public async Task Status_ASecondSyncAnHourLater_ForecastsTheChangesAtTheRateTheyCame_NotAsABurstAMinute()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 300);
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await f.SyncAsync(time);
        await f.App.ApplyAsync(new SampleDatabase.Wave(Edits: 60, NewUsers: 0, Deletions: 0, EmailChanges: 0, PlanMoves: 0), seed: 5, CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));

        var second = await f.SyncAsync(time);
        var result = SampleProjectFixture.Run("status", "--config", f.ConfigPath, "--json");

        Assert.Equal(0, result.ExitCode);
        var changed = second.Polls[0].OutboxWritten;
        Assert.InRange(changed, 1, 60);
        Assert.Equal(changed, (long)second.Exports[0].Exported);

        // They arrived over the hour since the previous poll: changed / 60 a minute.
        var forecast = result.Json().GetProperty("destinations")[0].GetProperty("window").GetProperty("forecast").GetString()!;
        Assert.Contains(string.Create(Invariant, $"; at {changed / 60.0:N1} changes/min, 0 waiting and "), forecast, StringComparison.Ordinal);
        Assert.DoesNotContain("no batch has been costed yet", forecast, StringComparison.Ordinal);
    }
}
