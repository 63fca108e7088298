using System.Diagnostics;
using System.Globalization;
using Highwater.Cli.Commands.Run;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Engine.Samples;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Cli.Tests.Commands.Run;

/// <summary><c>run</c> says at Information when the next export is due, once per change of plan.</summary>
public sealed class NextBatchLogTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Run_RowsWaitForTheWindow_SaysWhenTheNextBatchIsDue_OncePerPlan()
    {
        await using var project = await RunProject.CreateAsync(users: 5, secretsInFiles: true);
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.UtcTicks - (DateTimeOffset.UtcNow.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        var log = new ListLogger();
        using var logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(log));
        var config = ConfigLoader.Load(project.ConfigPath).Config!;
        await using var engine = await HighwaterEngine.OpenAsync(config, new EngineOptions { Time = time, LoggerFactory = logging }, CancellationToken.None);
        using var host = RunHost.Build(engine, new RunOptions(), logging);
        await host.StartAsync(CancellationToken.None);
        try
        {
            var expected = $"marketo: 5 rows wait; next batch at {start.AddSeconds(10).ToString("HH:mm:ss", CultureInfo.InvariantCulture)} (window 10s)";
            await UntilAsync(() => log.Count(expected) == 1, log, "the first plan announced");

            // A new row arrives and the loop decides again: the batch is still due when the oldest row
            // has waited the window, so nothing new is said. (The fake clock creeps until the poll has run.)
            await project.App.ApplyAsync(new SampleDatabase.Wave(Edits: 0, NewUsers: 1, Deletions: 0, EmailChanges: 0, PlanMoves: 0), seed: 3, CancellationToken.None);
            await UntilAsync(
                () =>
                {
                    if (log.Count("6 live rows wait") > 0)
                    {
                        return true;
                    }

                    time.Advance(TimeSpan.FromMilliseconds(100));
                    return false;
                },
                log,
                "the export loop deciding again with the new row");
            Assert.True(time.GetUtcNow() < start.AddSeconds(10), "the clock crept past the window");
            Assert.Equal(1, log.Count(expected));
            Assert.Single(log.Lines, line => line.StartsWith("Information: ", StringComparison.Ordinal) && line.Contains("next batch at", StringComparison.Ordinal));

            time.Advance(start.AddSeconds(10) - time.GetUtcNow());
            await UntilAsync(() => project.Marketo.GetState().Records.Count == 6, log, "the batch exported when the window elapsed");
            Assert.Single(log.Lines, line => line.StartsWith("Information: ", StringComparison.Ordinal) && line.Contains("next batch at", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task UntilAsync(Func<bool> done, ListLogger log, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(clock.Elapsed < Deadline, $"never: {what}; the log:\n{string.Join('\n', log.Lines)}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }
}
