namespace Highwater.Cli.Commands.Run;

/// <summary>
/// Wakes one waiting loop early: a poll that wrote outbox rows wakes the export loops, which
/// otherwise sleep until the scheduler's next instant. A signal given while nobody waits is kept
/// for the next wait, so an arrival between two waits is never missed. One waiter at a time.
/// </summary>
internal sealed class WakeSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set()
    {
        lock (_lock)
        {
            _signal.TrySetResult();
        }
    }

    /// <summary>Waits for a signal or <paramref name="timeout"/> on <paramref name="time"/>; true when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task signalled;
        lock (_lock)
        {
            signalled = _signal.Task;
        }

        if (!signalled.IsCompleted && timeout > TimeSpan.Zero)
        {
            using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(signalled, Task.Delay(timeout, time, stopDelay.Token)).ConfigureAwait(false);
            await stopDelay.CancelAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_signal.Task.IsCompleted)
            {
                return false;
            }

            _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }
}
