using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Highwater.Benchmarks.Histories;

/// <summary>
/// <c>simulate-histories --count N --seed S [--service NAME] [--mix all|passing|Kind,Kind] [--no-shrink]</c>:
/// runs N histories (history i on service i mod the services, from seed S + i), shrinks and prints
/// every failing one to standard error, and prints one JSON line last.
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
                    default: throw new ArgumentException($"unknown option '{args[i]}'");
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IndexOutOfRangeException or OverflowException)
        {
            await error.WriteLineAsync($"{ex.Message}\nusage: {Command} --count N --seed S [--service marketo|salesforce|pardot|eloqua] [--mix all|passing|Kind,Kind] [--no-shrink]").ConfigureAwait(false);
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var result = new CampaignResult { Mix = mixName };
        var failed = new List<string>();
        var perService = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var s = 0; s < services.Count; s++)
        {
            var seeds = Enumerable.Range(0, count).Where(i => i % services.Count == s).Select(i => seed + i).ToList();
            if (seeds.Count == 0)
            {
                continue;
            }

            var mix = HistoryMixes.Parse(mixName, services[s]);
            await using var runner = await HistoryRunner.StartAsync(services[s]).ConfigureAwait(false);
            var elapsed = TimeSpan.Zero;
            foreach (var historySeed in seeds)
            {
                var history = HistoryGenerator.Generate(historySeed, services[s], mix);
                var outcome = await runner.RunAsync(history).ConfigureAwait(false);
                elapsed += outcome.Elapsed;
                result = result with
                {
                    Histories = result.Histories + 1,
                    Operations = result.Operations + history.Operations,
                    Faults = result.Faults + history.FaultCount,
                    Crashes = result.Crashes + history.Crashes,
                };
                if (!outcome.Passed)
                {
                    failed.Add($"{services[s]}:{historySeed}");
                    await error.WriteLineAsync(await ReportAsync(runner, outcome, mix, shrink).ConfigureAwait(false)).ConfigureAwait(false);
                }
            }

            perService[services[s]] = Math.Round(elapsed.TotalMilliseconds / seeds.Count, 1);
        }

        result = result with { Failures = failed.Count, SeedsFailed = failed, Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1), MillisecondsPerHistory = perService };
        await output.WriteLineAsync(JsonSerializer.Serialize(result, Json)).ConfigureAwait(false);
        return failed.Count == 0 ? 0 : 1;
    }

    /// <summary>A failing history, told as a failing seed should be: the seed, the shrunk history, the first difference (and the rest).</summary>
    public static async Task<string> ReportAsync(HistoryRunner runner, HistoryOutcome outcome, HistoryMix mix, bool shrink = true)
    {
        var shrunk = shrink ? await HistoryShrinker.ShrinkAsync(runner, outcome).ConfigureAwait(false) : outcome;
        return $"""
            FAILED {outcome.History.Service} seed {outcome.History.Seed} (replay: {Command} --count 1 --seed {outcome.History.Seed} --service {outcome.History.Service} --mix {HistoryMixes.Describe(mix)})
            first difference: {shrunk.Differences[0]}
            {(shrink ? "shrunk" : "whole")} {shrunk.History}
            all differences of the {(shrink ? "shrunk " : "")}history:
              {string.Join("\n  ", shrunk.Differences)}
            """;
    }
}
