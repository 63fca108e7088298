using System.Globalization;
using System.Text.RegularExpressions;
using Highwater.Simulators.Marketo;
using Spectre.Console;

namespace Highwater.Cli.Tests.Commands.Sync;

/// <summary><c>sync</c>'s own output: the duration it prints at a terminal, and plain lines said once.</summary>
public sealed partial class SyncCommandTests
{
    public SyncCommandTests()
    {
        // The sample configuration names its secrets by reference; the simulator's values stand in for an account's.
        Environment.SetEnvironmentVariable("MARKETO_CLIENT_ID", new MarketoSimulatorOptions().ClientId);
        Environment.SetEnvironmentVariable("MARKETO_CLIENT_SECRET", new MarketoSimulatorOptions().ClientSecret);
    }

    [Fact]
    public async Task Sync_AtATerminal_PrintsTheWholePassDuration_NotZero()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 120);
        var terminal = new TerminalOutput();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = terminal, Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });

        var result = HighwaterCli.Run(console, () => terminal.Writer.ToString()!, "sync", "--config", f.ConfigPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(120, f.Marketo.GetState().Records.Count);
        var synced = Assert.Single(result.OutputLines, line => line.StartsWith("Synced in ", StringComparison.Ordinal));
        var total = Duration(synced["Synced in ".Length..].TrimEnd('.'));
        var export = Duration(Assert.Single(result.OutputLines, line => line.StartsWith("│ time", StringComparison.Ordinal)).Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)[1]);
        Assert.True(total > TimeSpan.Zero, synced);

        // The pass polled, then exported: it lasted at least as long as its export (to the figures' rounding).
        Assert.True(total + TimeSpan.FromMilliseconds(100) >= export, $"{synced} beside an export of {export}");
    }

    [Fact]
    public async Task Sync_NotATerminal_SaysEachThingOnce()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 700);

        var result = SampleProjectFixture.Run("sync", "--config", f.ConfigPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(700, f.Marketo.GetState().Records.Count);
        Assert.Equal(result.OutputLines.Length, result.OutputLines.Distinct(StringComparer.Ordinal).Count());
        Assert.Single(result.OutputLines, line => line.Contains("rows read", StringComparison.Ordinal));
        Assert.Equal("users: 700 rows read, 700 profiles changed, 700 exports queued (0 coalesced with waiting ones)", Assert.Single(result.OutputLines, line => line.StartsWith("users:", StringComparison.Ordinal)));
        Assert.Matches(@"^export marketo: batch 1 done, 700 rows and \d+ calls so far$", Assert.Single(result.OutputLines, line => line.StartsWith("export marketo: batch", StringComparison.Ordinal)));
        Assert.Contains("marketo: profiles exported: 700 written, 0 deleted, 0 unchanged or skipped", result.OutputLines);

        // One word for one thing: the pass claimed one batch and spent calls (never "requests", never "batch(es)").
        Assert.Matches(@"^marketo: API calls: \d+ in 1 batch: ", Assert.Single(result.OutputLines, line => line.StartsWith("marketo: API calls:", StringComparison.Ordinal)));
        Assert.DoesNotContain("request", result.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sync_WhileAnotherProcessSyncsTheConfiguration_Exit1_OffersOnlyFixesThatExist_AndTouchesNothing()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 20);
        var loaded = Highwater.Engine.Configuration.ConfigLoader.Load(f.ConfigPath);
        await using (var worker = await Highwater.Engine.Running.HighwaterEngine.OpenAsync(loaded.Config!, new Highwater.Engine.Running.EngineOptions { Environment = f.Environment() }, CancellationToken.None))
        {
            var result = SampleProjectFixture.Run("sync", "--config", f.ConfigPath);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(
                [$"Error: another highwater process (pid {Environment.ProcessId}) is already syncing this configuration; wait for it to finish or stop it (kill {Environment.ProcessId}: SIGTERM lets its batch finish), then run this again; `highwater status` works beside it"],
                result.ErrorLines);
            Assert.DoesNotContain("worker name", result.Errors, StringComparison.Ordinal);
        }

        Assert.Empty(f.Marketo.GetState().Records);

        // The lock is gone with the process that held it: the same command now syncs.
        Assert.Equal(0, SampleProjectFixture.Run("sync", "--config", f.ConfigPath).ExitCode);
        Assert.Equal(20, f.Marketo.GetState().Records.Count);
    }

    /// <summary>Reads "596 ms", "4.8 s", "45 s", "1m 05s" back.</summary>
    private static TimeSpan Duration(string text)
    {
        var match = DurationPattern().Match(text.Trim());
        Assert.True(match.Success, $"not a duration: '{text}'");
        var n = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "s" => TimeSpan.FromSeconds(n),
            _ => TimeSpan.FromMinutes(n) + TimeSpan.FromSeconds(int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture)),
        };
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d)?)(?: (?<unit>ms|s)|(?<unit>m) (?<s>\d\d)s)$")]
    private static partial Regex DurationPattern();
}
