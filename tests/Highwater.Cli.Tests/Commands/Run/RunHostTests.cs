using System.Diagnostics;
using Highwater.Cli.Commands.Run;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Simulators.Marketo;
using Highwater.Storage.Ingest;
using Microsoft.Extensions.Logging.Abstractions;

namespace Highwater.Cli.Tests.Commands.Run;

/// <summary>How the service stops with a batch in flight: it finishes within the grace, or it is abandoned and its rows go back.</summary>
public sealed class RunHostTests
{
    private const int Users = 600;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Stop_WhileABatchIsInFlight_LetsItFinishWithinTheGrace_AndStartsNoOther()
    {
        await using var project = await RunProject.CreateAsync(Users, secretsInFiles: true);
        project.Marketo.SetFaults(new MarketoFaults { SlowMillis = 300 });

        await StopDuringTheFirstWriteAsync(project, new RunOptions { StopGrace = TimeSpan.FromSeconds(30) });

        Assert.Equal(300, project.Marketo.GetState().Records.Count);
        await using var store = await project.OpenStoreAsync();
        Assert.Equal(Users - 300, (await store.Outbox.DepthAsync(project.Destination, null, CancellationToken.None)).Waiting);
        Assert.Equal(Users - 300, (await store.Outbox.ClaimAsync(project.Destination, OutboxLane.Live, Users, "another-worker", TimeSpan.FromMinutes(1), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Stop_ABatchOutlastsTheGrace_IsAbandonedAndEveryRowGoesBack()
    {
        await using var project = await RunProject.CreateAsync(Users, secretsInFiles: true);
        var stopping = await StopDuringTheFirstWriteAsync(project, new RunOptions { StopGrace = TimeSpan.FromMilliseconds(200) }, slowBatch: true);

        Assert.True(stopping < TimeSpan.FromSeconds(30), $"the stop took {stopping}");
        await using var store = await project.OpenStoreAsync();
        Assert.Equal(Users, (await store.Outbox.DepthAsync(project.Destination, null, CancellationToken.None)).Waiting);
        Assert.Equal(Users, (await store.Outbox.ClaimAsync(project.Destination, OutboxLane.Live, Users, "another-worker", TimeSpan.FromMinutes(1), CancellationToken.None)).Count);
    }

    /// <summary>
    /// Runs the service until the first write is in flight, stops it, closes the engine; returns how
    /// long the stop took. A slow batch: once the lists are adopted, every answer takes a minute.
    /// </summary>
    private static async Task<TimeSpan> StopDuringTheFirstWriteAsync(RunProject project, RunOptions options, bool slowBatch = false)
    {
        var config = ConfigLoader.Load(project.ConfigPath).Config!;
        await using var engine = await HighwaterEngine.OpenAsync(config, new EngineOptions(), CancellationToken.None);
        using var host = RunHost.Build(engine, options, NullLoggerFactory.Instance);
        await host.StartAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();
        while (!(project.Marketo.GetCounts().Of("upsert") > 0 && project.Marketo.InFlight > 0))
        {
            if (slowBatch && project.Marketo.Faults.SlowMillis == 0 && project.Marketo.GetCounts().Of("listMembers") >= 3)
            {
                project.Marketo.SetFaults(new MarketoFaults { SlowMillis = 60_000 });
            }

            Assert.True(clock.Elapsed < Deadline, "no write went out");
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }

        var stopping = Stopwatch.StartNew();
        await host.StopAsync(CancellationToken.None);
        return stopping.Elapsed;
    }
}
