namespace Highwater.Benchmarks.Histories;

/// <summary>
/// Runs histories on several workers at once (one a core: a history mostly waits on one thread at
/// a time). Each worker has its own <see cref="HistoryRunner"/> per service, so its own simulator,
/// port, clock and folders; a history's outcome depends on its seed alone, never on which worker
/// ran it or beside what, and outcomes come back in the order of the histories given.
/// </summary>
internal sealed class HistoryPool(int workers) : IAsyncDisposable
{
    /// <summary>Workers when none are named: the two cores of the machines this runs on (more only help with more cores).</summary>
    public static int DefaultWorkers => Math.Clamp(Environment.ProcessorCount, 1, 2);

    private readonly Dictionary<string, HistoryRunner>[] _runners = [.. Enumerable.Range(0, Check(workers)).Select(_ => new Dictionary<string, HistoryRunner>(StringComparer.Ordinal))];

    public int Workers => _runners.Length;

    /// <summary>
    /// Runs every history, each worker taking the next one not yet taken. With
    /// <paramref name="stopAtFailure"/> no history is taken after one fails; those running finish, and
    /// the outcomes stop at the first failure (every history before it ran, so which one that is
    /// does not depend on the workers' pace).
    /// </summary>
    public async Task<IReadOnlyList<HistoryOutcome>> RunAsync(IReadOnlyList<History> histories, bool stopAtFailure = false)
    {
        var outcomes = new HistoryOutcome?[histories.Count];
        var next = -1;
        var failed = 0;

        async Task WorkAsync(Dictionary<string, HistoryRunner> runners)
        {
            int at;
            while ((!stopAtFailure || Volatile.Read(ref failed) == 0) && (at = Interlocked.Increment(ref next)) < histories.Count)
            {
                var history = histories[at];
                if (!runners.TryGetValue(history.Service, out var runner))
                {
                    runner = await HistoryRunner.StartAsync(history.Service).ConfigureAwait(false);
                    runners[history.Service] = runner;
                }

                outcomes[at] = await runner.RunAsync(history).ConfigureAwait(false);
                if (!outcomes[at]!.Passed)
                {
                    Volatile.Write(ref failed, 1);
                }
            }
        }

        // Each worker on the pool from its first step: none waits behind another's synchronous start.
        await Task.WhenAll(_runners.Select(r => Task.Run(() => WorkAsync(r)))).ConfigureAwait(false);
        var ran = outcomes.TakeWhile(o => o is not null).Select(o => o!).ToList();
        if (stopAtFailure && ran.FindIndex(o => !o.Passed) is >= 0 and var first)
        {
            return ran[..(first + 1)];
        }

        return ran.Count == histories.Count ? ran : throw new InvalidOperationException("a worker stopped before its histories were run");
    }

    /// <summary>The first worker's runner of <paramref name="service"/> (started if need be): for replaying and shrinking one history.</summary>
    public async Task<HistoryRunner> RunnerAsync(string service)
    {
        if (!_runners[0].TryGetValue(service, out var runner))
        {
            runner = await HistoryRunner.StartAsync(service).ConfigureAwait(false);
            _runners[0][service] = runner;
        }

        return runner;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var runner in _runners.SelectMany(r => r.Values))
        {
            await runner.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static int Check(int workers) => workers >= 1 ? workers : throw new ArgumentOutOfRangeException(nameof(workers), workers, "at least one worker");
}
