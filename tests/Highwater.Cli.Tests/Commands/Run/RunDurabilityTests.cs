using System.Diagnostics;
using System.Globalization;
using Highwater.Engine.Samples;
using Highwater.Simulators.Marketo;
using Highwater.Storage.DeadLetters;
using Xunit.Abstractions;

namespace Highwater.Cli.Tests.Commands.Run;

/// <summary>
/// The issue's "Durability, proven": <c>highwater run</c> as a separate process, killed with
/// SIGKILL at random moments of a large export (mid-call, between calls, right after a write
/// answered) more than 20 times and restarted each time, with waves of changes between some
/// restarts; then left to finish and stopped with SIGTERM. The simulator then holds exactly the
/// source's live users, none twice, and the outbox is empty.
/// </summary>
public sealed class RunDurabilityTests(ITestOutputHelper output)
{
    private const int Users = 3_000;
    private const int BatchSize = 150;
    private const int Kills = 24;
    private const int WaveEveryLives = 6;
    private const int SlowMillis = 250;
    private const int Seed = 7_007;

    /// <summary>The simulator numbers leads from this id on, so a probe lead's id counts every lead ever created.</summary>
    private const long FirstLeadId = 1001;

    private static readonly SampleDatabase.Wave Wave = new(Edits: 120, NewUsers: 60, Deletions: 40, EmailChanges: 30, PlanMoves: 80, RepeatedEdits: 30);
    private static readonly TimeSpan Stalled = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Stuck = TimeSpan.FromSeconds(90);

    private enum Moment
    {
        /// <summary>As soon as the service says it runs: mid-poll on the first start (the initial load), or as the export begins.</summary>
        Started,

        /// <summary>While the k-th call of this life is in flight (the simulator holds it for <see cref="SlowMillis"/>).</summary>
        MidCall,

        /// <summary>Once the k-th call has answered and none is in flight: recording outcomes, planning, claiming.</summary>
        BetweenCalls,

        /// <summary>Once a write (upsert, create or update) has answered and none is in flight: its outcome, new remote ids among it, may not be stored yet.</summary>
        AfterWrite,
    }

    [Fact]
    public async Task Run_SigkilledAtRandomMomentsOfALargeExport_EndsLikeTheSource_NoRecordTwice_NoChangeLost_OutboxEmpty()
    {
        var random = new Random(Seed);
        await using var project = await RunProject.CreateAsync(Users, batchSize: BatchSize);
        project.Marketo.SetFaults(new MarketoFaults { SlowMillis = SlowMillis });
        var clock = Stopwatch.StartNew();
        var moments = new List<Moment>();
        var lines = new List<string>();
        var waves = 0;
        var deletions = 0;
        async Task ApplyWaveAsync()
        {
            await project.App.ApplyAsync(Wave, seed: 100 + waves, CancellationToken.None);
            waves++;
            deletions += Wave.Deletions;
        }

        for (var life = 0; moments.Count < Kills; life++)
        {
            if (life > 0 && life % WaveEveryLives == 0)
            {
                await ApplyWaveAsync();
            }

            using var service = ServiceProcess.Start(project.ConfigPath, RunProject.Secrets);
            var moment = life == 0 ? Moment.Started : (Moment)random.Next(1, 4);
            await WaitForAsync(project, service, moment, calls: random.Next(1, 7), ApplyWaveAsync);
            service.Kill();
            moments.Add(moment);
            lines.AddRange(service.Lines);
        }

        var killed = clock.Elapsed;

        // The last life: it finishes, takes one more wave while it runs, and stops on SIGTERM.
        int exitCode;
        using (var service = ServiceProcess.Start(project.ConfigPath, RunProject.Secrets))
        {
            await ConvergedAsync(project, service, TimeSpan.FromMinutes(4));
            await ApplyWaveAsync();
            await ConvergedAsync(project, service, TimeSpan.FromMinutes(2));
            exitCode = await service.TerminateAsync(TimeSpan.FromSeconds(60));
            lines.AddRange(service.Lines);
            Assert.True(exitCode == 0, $"exit code {exitCode} after SIGTERM; its log:\n{service.Tail()}");
            Assert.Contains(service.Lines, line => line.Contains("Stopped", StringComparison.Ordinal));
        }

        // The final state is the desired state: every live user once, with its fields and lists; no one else.
        Assert.Empty(await project.DifferencesAsync());
        var live = (await project.App.LiveUsersAsync(CancellationToken.None)).Count;
        var state = project.Marketo.GetState();
        Assert.Empty(state.Records.GroupBy(r => r.Email, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(live, state.Records.Count);

        // No remote record was ever created twice: beyond the live users, every lead created is one a deletion removed.
        var probe = project.Marketo.Seed(new MarketoSeed(null, [new MarketoSimRecord(null, "probe@durability.test")])).Records.Single(r => r.Email == "probe@durability.test");
        var created = long.Parse(probe.Id!, CultureInfo.InvariantCulture) - FirstLeadId;
        Assert.InRange(created, live, live + deletions);

        // Nothing waits, nothing failed.
        await using (var store = await project.OpenStoreAsync())
        {
            Assert.Equal(0, (await store.Outbox.DepthAsync(project.Destination, null, CancellationToken.None)).Waiting);
            Assert.Empty(await store.DeadLetters.ListAsync(new DeadLetterFilter(project.Destination), 10, CancellationToken.None));
        }

        // No restart drew a rate-limit error: the governor counts the 20 s window in process, and a
        // service restarted within it waits out what its killed predecessor may have spent there.
        var counts = project.Marketo.GetCounts();
        output.WriteLine($"seed {Seed}; kills: {moments.Count} SIGKILLs ({string.Join(", ", moments.GroupBy(m => m).Select(g => $"{g.Key} {g.Count()}"))}), then SIGTERM: exit {exitCode}");
        output.WriteLine($"time: {killed.TotalSeconds:F0} s through the kills, {clock.Elapsed.TotalSeconds:F0} s in all");
        output.WriteLine($"source: {Users:N0} users, {waves} waves of {Wave.Changes} changes ({Wave.Deletions} deletions each); {live:N0} live at the end");
        output.WriteLine($"records: {state.Records.Count:N0} in the simulator, {created:N0} leads ever created (at most {live + deletions:N0} allowed), 0 duplicates");
        output.WriteLine($"calls: {counts.Total:N0} ({string.Join(", ", counts.ByKind.Where(p => p.Value > 0).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}); rate-limit errors {counts.RateLimitRejections}");
        output.WriteLine($"restarts took back leased rows {Count(lines, "Took back")} times; lost create answers resolved by lookup: {Count(lines, "resolved by lookup")}");
        foreach (var line in lines.Where(line => line.Contains("Rate limited", StringComparison.Ordinal)).Take(5))
        {
            output.WriteLine(line);
        }

        Assert.True(counts.RateLimitRejections == 0, $"{counts.RateLimitRejections} rate-limit errors (606/607/615) across the restarts");
    }

    /// <summary>Waits for the moment to kill, polling the simulator and the service's log; gives the export a wave when it ran out of work.</summary>
    private static async Task WaitForAsync(RunProject project, ServiceProcess service, Moment moment, int calls, Func<Task> giveMoreWork)
    {
        var before = project.Marketo.GetCounts();
        var seen = before.Total;
        var quiet = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(service.HasExited, $"the service exited by itself; its log:\n{service.Tail()}");
            var counts = project.Marketo.GetCounts();
            var inFlight = project.Marketo.InFlight;
            var hit = moment switch
            {
                Moment.Started => service.Count("Running as worker") > 0,
                Moment.MidCall => counts.Total >= before.Total + calls && inFlight > 0,
                Moment.BetweenCalls => counts.Total >= before.Total + calls && inFlight == 0,

                // A life with no write to make (memberships only) is killed after a dozen calls instead.
                _ => (Writes(counts) > Writes(before) || counts.Total >= before.Total + 12) && inFlight == 0,
            };
            if (hit)
            {
                return;
            }

            if (counts.Total != seen)
            {
                seen = counts.Total;
                quiet.Restart();
            }
            else if (quiet.Elapsed > Stalled && moment != Moment.Started)
            {
                // No call for a while: the export ran out of work (give it a wave), or it is stuck.
                Assert.True(quiet.Elapsed < Stuck, $"no call for {quiet.Elapsed} although the simulator differs from the source; the service's log:\n{service.Tail()}");
                if ((await project.DifferencesAsync()).Count == 0)
                {
                    await giveMoreWork();
                    quiet.Restart();
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System);
        }
    }

    private static async Task ConvergedAsync(RunProject project, ServiceProcess service, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> differences;
        while ((differences = await project.DifferencesAsync()).Count > 0)
        {
            Assert.False(service.HasExited, $"the service exited by itself; its log:\n{service.Tail()}");
            Assert.True(clock.Elapsed < deadline, $"{differences.Count} differences after {deadline}, e.g. {string.Join("; ", differences.Take(5))}; the service's log:\n{service.Tail()}");
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        }
    }

    private static long Writes(MarketoCallCounts counts) => counts.Of("upsert") + counts.Of("create") + counts.Of("update");

    private static int Count(List<string> lines, string text) => lines.Count(line => line.Contains(text, StringComparison.Ordinal));
}
