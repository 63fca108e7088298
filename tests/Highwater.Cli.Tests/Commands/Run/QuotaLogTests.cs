using System.Diagnostics;
using Highwater.Cli.Commands.Run;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Simulators.Marketo;
using Highwater.Storage.DeadLetters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Cli.Tests.Commands.Run;

/// <summary><c>run</c> says once, at Information, when a spent daily quota stops its exports and when they resume.</summary>
public sealed class QuotaLogTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Run_DailyQuotaSpent_LogsOnceWhenItStopsAndWhenItWillResume_ThenOnceWhenTheQuotaIsBack()
    {
        await using var project = await RunProject.CreateAsync(users: 5, secretsInFiles: true);

        // Other integrations spent Marketo's whole day before the first export.
        project.Marketo.SetFaults(new MarketoFaults { SpentToday = 50_000 });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var log = new ListLogger();
        using var logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(log));
        var config = ConfigLoader.Load(project.ConfigPath).Config!;
        await using var engine = await HighwaterEngine.OpenAsync(config, new EngineOptions { Time = time, LoggerFactory = logging }, CancellationToken.None);
        var snapshot = await engine.Destinations.Single().Governor.GetSnapshotAsync(CancellationToken.None);
        var reset = snapshot.Windows.Single(w => w.NextReset is not null).NextReset!.Value;
        var stopped = $"Destination marketo: daily quota spent; exports stop and resume at {reset.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} (reset, America/Chicago); 5 rows wait";
        const string Back = "Destination marketo: the quota is back; exports resume";
        using var host = RunHost.Build(engine, new RunOptions(), logging);
        await host.StartAsync(CancellationToken.None);
        try
        {
            // The window of 10 s passes on the fake clock; the batch meets the spent quota.
            await UntilAsync(() => Stepped(time, log.Count(stopped) == 1), log, "the stop logged");

            // The loop goes on deciding: the rows wait whole, and the stop is not said again.
            for (var i = 0; i < 20; i++)
            {
                time.Advance(TimeSpan.FromSeconds(30));
                await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
            }

            Assert.Equal(1, log.Count(stopped));
            Assert.Equal(0, log.Count(Back));
            Assert.Empty(project.Marketo.GetState().Records);

            // Marketo's day turns: the quota is back on both sides of the wire.
            project.Marketo.SetFaults(new MarketoFaults { SpentToday = 0 });
            time.Advance(reset - time.GetUtcNow() + TimeSpan.FromSeconds(1));
            await UntilAsync(() => Stepped(time, project.Marketo.GetState().Records.Count == 5), log, "the 5 users exported after the reset");
            await UntilAsync(() => log.Count(Back) == 1, log, "the resume logged");
            Assert.Equal(1, log.Count(stopped));
            Assert.Single(log.Lines, line => line.StartsWith("Information: ", StringComparison.Ordinal) && line.Contains("daily quota spent", StringComparison.Ordinal));
            Assert.Single(log.Lines, line => line.StartsWith("Information: ", StringComparison.Ordinal) && line.Contains("quota is back", StringComparison.Ordinal));
            Assert.Empty(await project.DifferencesAsync());
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        await using var store = await project.OpenStoreAsync();
        Assert.Empty(await store.DeadLetters.ListAsync(new DeadLetterFilter(project.Destination), 10, CancellationToken.None));
    }

    // The fake clock creeps a little while the condition does not hold, so the loop's waits end.
    private static bool Stepped(FakeTimeProvider time, bool done)
    {
        if (!done)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
        }

        return done;
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
