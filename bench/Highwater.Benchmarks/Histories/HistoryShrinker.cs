namespace Highwater.Benchmarks.Histories;

/// <summary>
/// Makes a failing history smaller while it still fails: greedily drops one step, one fault, a
/// crash or a CRM-only record at a time (latest first), keeping each cut that still fails, until no
/// single cut does or the budget of runs is spent.
/// </summary>
internal static class HistoryShrinker
{
    public static async Task<HistoryOutcome> ShrinkAsync(HistoryRunner runner, HistoryOutcome failed, int budget = 150)
    {
        var best = failed;
        var progress = true;
        while (progress && budget > 0)
        {
            progress = false;
            foreach (var candidate in Cuts(best.History))
            {
                if (budget-- <= 0)
                {
                    break;
                }

                var outcome = await runner.RunAsync(candidate).ConfigureAwait(false);
                if (!outcome.Passed)
                {
                    best = outcome;
                    progress = true;
                    break;
                }
            }
        }

        return best;
    }

    private static IEnumerable<History> Cuts(History history)
    {
        var steps = history.Steps;
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            yield return history with { Steps = [.. steps.Where((_, at) => at != i)] };
        }

        for (var i = steps.Count - 1; i >= 0; i--)
        {
            if (steps[i] is not SyncStep sync)
            {
                continue;
            }

            if (sync.Crash is not null)
            {
                yield return With(history, i, sync with { Crash = null });
            }

            foreach (var fault in sync.Faults)
            {
                yield return With(history, i, sync with { Faults = [.. sync.Faults.Where(f => f != fault)] });
            }
        }

        foreach (var crm in history.CrmOnly)
        {
            yield return history with { CrmOnly = [.. history.CrmOnly.Where(c => c != crm)] };
        }
    }

    private static History With(History history, int at, HistoryStep step) =>
        history with { Steps = [.. history.Steps.Select((s, i) => i == at ? step : s)] };
}
