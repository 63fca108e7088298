using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Highwater.Sources.Polling;

/// <summary>
/// Runs a producer on another thread, a bounded number of items ahead of its consumer: the poller
/// reads and hashes the next pages of a source while the buffer stores the current one, and memory
/// holds at most <c>capacity</c> + 2 items (the ones waiting, the one being made, the one being stored).
/// </summary>
internal static class ReadAhead
{
    public static async IAsyncEnumerable<T> Of<T>(
        Func<CancellationToken, IAsyncEnumerable<T>> produce,
        int capacity,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var item in produce(stop.Token))
                    {
                        await channel.Writer.WriteAsync(item, stop.Token);
                    }
                }
                finally
                {
                    // A failure stays on the task: the consumer takes what was made before it, then sees it.
                    channel.Writer.TryComplete();
                }
            },
            CancellationToken.None);

        var finished = false;
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }

            finished = true;
        }
        finally
        {
            if (!finished)
            {
                // The consumer stopped early (it failed, or was cancelled): stop the producer, and
                // report the consumer's failure, not the cancellation this causes in the producer.
                await stop.CancelAsync();
                await producer.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        await producer;
    }
}
