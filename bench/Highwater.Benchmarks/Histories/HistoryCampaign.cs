using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Highwater.Benchmarks.Histories;

/// <summary>
/// <c>simulate-histories --count N --seed S [--service NAME] [--mix all|passing|Kind,Kind] [--no-shrink] [--workers W] [--fingerprints]</c>:
/// runs N histories (history i on service i mod the services, from seed S + i) on W workers at once
/// (<see cref="HistoryPool"/>; the outcome of a seed does not depend on W), shrinks and prints every
/// failing one to standard error (with <c>--fingerprints</c> every history's
/// <see cref="HistoryOutcome.Fingerprint"/> too, to compare replays), and prints one JSON line last.
/// </summary>
internal static class HistoryCampaign
{
    public const string Command = "simulate-histories";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var count = 100;
        var seed = 1;
        var services = HistoryService.Names;
        var mixName = "passing";
        var shrink = true;
        var workers = HistoryPool.DefaultWorkers;
        var fingerprints = false;
        try
        {
            for (var i = 1; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--count": count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--service": services = [HistoryService.Get(args[++i]).Name]; break;
                    case "--mix": mixName = args[++i]; _ = HistoryMixes.Parse(mixName, "marketo"); break;
                    case "--no-shrink": shrink = false; break;
                    case "--workers": workers = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--fingerprints": fingerprints = true; break;
                    default: throw new ArgumentException($"unknown option '{args[i]}'");
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IndexOutOfRangeException or OverflowException)
        {
            await error.WriteLineAsync($"{ex.Message}\nusage: {Command} --count N --seed S [--service {string.Join('|', HistoryService.Names)}] [--mix all|passing|Kind,Kind] [--no-shrink] [--workers W] [--fingerprints]").ConfigureAwait(false);
            return 2;
        }

        if (workers < 1)
        {
            await error.WriteLineAsync($"--workers must be at least 1 (was {workers})").ConfigureAwait(false);
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var mixes = services.ToDictionary(s => s, s => HistoryMixes.Parse(mixName, s), StringComparer.Ordinal);
        var histories = Enumerable.Range(0, count).Select(i => HistoryGenerator.Generate(seed + i, services[i % services.Count], mixes[services[i % services.Count]])).ToList();
        await using var pool = new HistoryPool(workers);
        var outcomes = await pool.RunAsync(histories).ConfigureAwait(false);
        if (fingerprints)
        {
            foreach (var outcome in outcomes)
            {
                await error.WriteLineAsync($"{outcome.History.Service}:{outcome.History.Seed} {(outcome.Passed ? "passed" : "FAILED")} {outcome.Fingerprint}").ConfigureAwait(false);
            }
        }

        var failed = new List<string>();
        foreach (var outcome in outcomes.Where(o => !o.Passed))
        {
            failed.Add($"{outcome.History.Service}:{outcome.History.Seed}");
            var runner = await pool.RunnerAsync(outcome.History.Service).ConfigureAwait(false);
            await error.WriteLineAsync(await ReportAsync(runner, outcome, mixes[outcome.History.Service], shrink).ConfigureAwait(false)).ConfigureAwait(false);
        }

        var result = new CampaignResult
        {
            Histories = histories.Count,
            Operations = histories.Sum(h => h.Operations),
            Faults = histories.Sum(h => h.FaultCount),
            Crashes = histories.Sum(h => h.Crashes),
            Failures = failed.Count,
            SeedsFailed = failed,
            Mix = mixName,
            Workers = workers,
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            MillisecondsPerHistory = outcomes.GroupBy(o => o.History.Service, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Math.Round(g.Average(o => o.Elapsed.TotalMilliseconds), 1), StringComparer.Ordinal),
        };
        await output.WriteLineAsync(JsonSerializer.Serialize(result, Json)).ConfigureAwait(false);
        return failed.Count == 0 ? 0 : 1;
    }

    /// <summary>A failing history, told as a failing seed should be: the seed, the shrunk history, the first difference (and the rest).</summary>
    public static async Task<string> ReportAsync(HistoryRunner runner, HistoryOutcome outcome, HistoryMix mix, bool shrink = true)
    {
        var shrunk = shrink ? await HistoryShrinker.ShrinkAsync(runner, outcome).ConfigureAwait(false) : outcome;
        if (FaultHandler.TraceRequested)
        {
            FaultHandler.Trace = true;
            Console.Error.WriteLine($"trace of {shrunk.History}");
            await runner.RunAsync(shrunk.History).ConfigureAwait(false);
            FaultHandler.Trace = false;
        }

        return $"""
            FAILED {outcome.History.Service} seed {outcome.History.Seed} (replay: {Command} --count 1 --seed {outcome.History.Seed} --service {outcome.History.Service} --mix {HistoryMixes.Describe(mix)})
            first difference: {shrunk.Differences[0]}
            {(shrink ? "shrunk" : "whole")} {shrunk.History}
            all differences of the {(shrink ? "shrunk " : "")}history:
              {string.Join("\n  ", shrunk.Differences)}
            """;
    }
}
