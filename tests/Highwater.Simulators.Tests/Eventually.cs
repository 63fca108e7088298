namespace Highwater.Simulators.Tests;

/// <summary>
/// Waits for a condition another thread brings about (a simulator holding N requests in flight),
/// checking every few milliseconds without blocking a thread-pool thread, up to a deadline.
/// </summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, CancellationToken.None);
        }

        return true;
    }
}
