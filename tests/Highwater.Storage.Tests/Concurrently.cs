namespace Highwater.Storage.Tests;

/// <summary>
/// Runs workers on threads of their own, released together, so their database calls truly
/// overlap (thread-pool tasks would mostly run one after another on a small machine, and
/// SQLite's calls block).
/// </summary>
internal static class Concurrently
{
    public static Task RunAsync(int workers, Func<int, Task> work)
    {
        using var ready = new CountdownEvent(workers);
        var go = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, workers)
            .Select(worker => Task.Factory.StartNew(
                () =>
                {
                    ready.Signal();
                    go.Wait();
                    return work(worker);
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).Unwrap())
            .ToArray();
        ready.Wait();
        go.Set();
        return AwaitAllAsync(tasks, go);
    }

    private static async Task AwaitAllAsync(Task[] tasks, ManualResetEventSlim go)
    {
        try
        {
            await Task.WhenAll(tasks);
        }
        finally
        {
            go.Dispose();
        }
    }
}
