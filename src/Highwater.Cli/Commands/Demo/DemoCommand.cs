using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Highwater.Cli.Commands.Shared;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Engine.Samples;
using Highwater.Simulators;
using Highwater.Simulators.Modules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Demo;

/// <summary>
/// <c>highwater demo [--service S]</c>: with no set-up, makes a SQLite source of generated users,
/// starts the service's simulator (Marketo's unless told) in-process with the real limits, runs the
/// initial sync, applies a wave of realistic changes and syncs again, checking after each phase
/// that the service holds exactly what the source says, and prints what each phase cost beside what one call per user would have.
/// Leaves nothing running; removes its folder unless told to keep it.
/// </summary>
internal sealed class DemoCommand(IAnsiConsole console) : AsyncCommand<DemoSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        var folder = settings.Keep is { } keep ? Path.GetFullPath(keep) : Path.Combine(Path.GetTempPath(), "highwater-demo-" + Guid.NewGuid().ToString("N")[..8]);
        if (settings.Keep is not null && Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new UsageException($"--keep {settings.Keep}: the folder is not empty; give a new or empty folder");
        }

        Directory.CreateDirectory(folder);
        try
        {
            return await RunAsync(folder, settings, cancellationToken);
        }
        finally
        {
            if (settings.Keep is null)
            {
                TryDelete(folder);
            }
        }
    }

    private async Task<int> RunAsync(string folder, DemoSettings settings, CancellationToken cancellationToken)
    {
        var say = settings.Json ? (Action<string>)(_ => { }) : console.Line;
        var module = SimulatorModules.Get(settings.Service);
        var harness = module.Harness;
        await using var simulator = await module.StartAsync(new SimulatorStart { DailyQuota = harness.DailyQuota }, cancellationToken);
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        var admin = new SimulatorAdminClient(http);
        say($"{harness.Title} simulator on {simulator.BaseAddress} ({harness.Limits})");

        var app = new SampleDatabase(Path.Combine(folder, "app.db"));
        await app.CreateAsync(settings.Users, seed: 2026, cancellationToken);
        var configPath = Path.Combine(folder, "highwater.yaml");
        var destination = Destination(module, simulator);
        await File.WriteAllTextAsync(configPath, SampleProject.Config(harness.Title, destination), cancellationToken);
        say($"Sample source {app.Path}: {settings.Users:N0} users; configuration {configPath}");

        var loaded = ConfigLoader.Load(configPath);
        var config = loaded.Config ?? throw new ConfigProblemsException(configPath, loaded.Problems);
        using var logging = EngineSession.Logging(settings);
        var secrets = simulator.Credentials.ToDictionary(c => destination.Variable(c.Key), c => c.Value, StringComparer.Ordinal);
        var options = new EngineOptions
        {
            LoggerFactory = logging,
            Environment = secrets.GetValueOrDefault,
        };

        var phases = new List<DemoPhase>();
        await using (var engine = await HighwaterEngine.OpenAsync(config, options, cancellationToken))
        {
            say("Phase 1: the initial sync of every user ...");
            phases.Add(await PhaseAsync("initial sync", settings.Users, engine, app, admin, harness, cancellationToken));

            var scale = settings.Users / 10_000.0;
            int Part(int n) => Math.Max(1, (int)(n * scale));
            var wave = new SampleDatabase.Wave(Edits: Part(600), NewUsers: Part(300), Deletions: Part(150), EmailChanges: Part(100), PlanMoves: Part(400), RepeatedEdits: Part(450));
            await app.ApplyAsync(wave, seed: 7, cancellationToken);
            say($"Phase 2: a wave of changes: {wave.Edits:N0} edits (and {wave.RepeatedEdits:N0} repeated edits of the same users), {wave.NewUsers:N0} new users, {wave.Deletions:N0} deletions, {wave.EmailChanges:N0} e-mail changes, {wave.PlanMoves:N0} plan moves (list moves) ...");
            phases.Add(await PhaseAsync("wave of changes", wave.Changes, engine, app, admin, harness, cancellationToken));
        }

        var counts = await admin.CountsAsync(cancellationToken);
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(
                new
                {
                    users = settings.Users,
                    rateLimitRejections = counts.RateLimitRejections,
                    phases = phases.Select(p => new
                    {
                        phase = p.Name,
                        changes = p.Changes,
                        rowsRead = p.RowsRead,
                        exported = p.Pass.Exported,
                        deleted = p.Pass.Deleted,
                        calls = p.Pass.Calls,
                        dataCalls = p.Pass.DataCalls,
                        metadataCalls = p.Pass.MetadataCalls,
                        unbatchedCalls = p.Pass.UnbatchedCalls,
                        quotaUsed = p.QuotaUsed,
                        quotaLimit = p.QuotaLimit,
                        seconds = Math.Round(p.Elapsed.TotalSeconds, 2),
                        differences = p.Differences,
                    }),
                },
                new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        }
        else
        {
            WriteTable(phases, harness.Title);
            say($"The simulator answered {counts.Total:N0} calls in all (tokens and list lookups included) and {counts.RateLimitRejections:N0} rate-limit errors.");
        }

        var converged = phases.All(p => p.Differences == 0);
        say(converged
            ? $"[green]After each phase {harness.Title} held exactly the source's users, fields and lists.[/]"
            : $"[red]{harness.Title} does not match the source; see the differences above.[/]");
        return converged && counts.RateLimitRejections == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// The sample project's destination for the simulator: its settings and credentials, e-mail,
    /// first name (and last name where the service requires one) and country mapped.
    /// </summary>
    internal static SampleDestination Destination(ISimulatorModule module, RunningSimulator simulator)
    {
        var fields = module.Harness.Fields;
        List<KeyValuePair<string, string>> mapped = [new(fields.Email, "email"), new(fields.FirstName, "first_name")];
        if (fields.LastNameRequired)
        {
            mapped.Add(new(fields.LastName, "first_name"));
        }

        mapped.Add(new(fields.Country, "country"));
        return new SampleDestination
        {
            Kind = module.Service,
            BaseUrl = simulator.BaseAddress,
            Settings = simulator.Settings,
            Credentials = [.. simulator.Credentials.Keys],
            Fields = mapped,
        };
    }

    private async Task<DemoPhase> PhaseAsync(string name, long changes, HighwaterEngine engine, SampleDatabase app, SimulatorAdminClient simulator, SimulatorHarness harness, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var report = await engine.SyncOnceAsync(null, null, cancellationToken);
        clock.Stop();
        var pass = report.Exports[0];
        var snapshot = await engine.Destinations[0].Governor.GetSnapshotAsync(cancellationToken);
        // A service without a daily quota (none configured) shows none used of none.
        var dayLong = engine.Destinations[0].Governor.Policy.Windows.FirstOrDefault(w => w.IsDayLong)?.Name;
        var day = snapshot.Windows.FirstOrDefault(w => w.Window == dayLong);
        var differences = await DemoCheck.DifferencesAsync(app, simulator, harness.Fields, cancellationToken);
        foreach (var difference in differences.Take(10))
        {
            console.Line($"[red]{Markup.Escape(difference)}[/]");
        }

        return new DemoPhase(name, changes, pass, report.Polls.Sum(p => p.RowsRead), day?.Used ?? 0, day?.Limit ?? 0, clock.Elapsed, differences.Count);
    }

    private void WriteTable(IReadOnlyList<DemoPhase> phases, string service)
    {
        var rows = new List<(string Label, Func<DemoPhase, string> Value)>
        {
            ("source rows changed", p => N(p.Changes)),
            ("rows the poll read (with look-back)", p => N(p.RowsRead)),
            ("profiles exported", p => $"{N(p.Pass.Exported)} written, {N(p.Pass.Deleted)} deleted"),
        };
        foreach (var step in ExportSummary.Steps.Where(step => phases.Any(p => p.Pass.Calls.ContainsKey(step))))
        {
            rows.Add(($"calls: {step}", p => N(p.Pass.Calls.GetValueOrDefault(step))));
        }

        rows.Add(("API calls (data)", p => N(p.Pass.DataCalls)));
        rows.Add(("one call per user and step", p => $"{N(p.Pass.UnbatchedCalls)} ({(p.Pass.DataCalls == 0 ? "-" : (p.Pass.UnbatchedCalls / (double)p.Pass.DataCalls).ToString("N0", CultureInfo.InvariantCulture) + "x")})"));
        rows.Add(("metadata calls (lists)", p => N(p.Pass.MetadataCalls)));
        rows.Add(("daily quota used", p => $"{N(p.QuotaUsed)} of {N(p.QuotaLimit)}"));
        rows.Add(("rate-limit errors", p => N(p.Pass.RateLimitErrors)));
        rows.Add(("time", p => $"{p.Elapsed.TotalSeconds:N1} s"));
        rows.Add(($"{service} matches the source", p => p.Differences == 0 ? "yes" : $"no: {N(p.Differences)} differences"));

        if (console.IsTerminal())
        {
            var table = new Table().AddColumn("");
            foreach (var phase in phases)
            {
                table.AddColumn(new TableColumn(Markup.Escape(phase.Name)).RightAligned());
            }

            foreach (var (label, value) in rows)
            {
                table.AddRow([Markup.Escape(label), .. phases.Select(p => Markup.Escape(value(p)))]);
            }

            console.Write(table);
            return;
        }

        // Plain text: a Markdown table, so a log can be pasted as is.
        var writer = console.Profile.Out.Writer;
        writer.WriteLine($"| | {string.Join(" | ", phases.Select(p => p.Name))} |");
        writer.WriteLine($"| --- |{string.Concat(phases.Select(_ => " ---: |"))}");
        foreach (var (label, value) in rows)
        {
            writer.WriteLine($"| {label} | {string.Join(" | ", phases.Select(value))} |");
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; nothing runs from it.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
