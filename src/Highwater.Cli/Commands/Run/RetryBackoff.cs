namespace Highwater.Cli.Commands.Run;

/// <summary>How long a failing loop waits before it tries again: 1 s, doubling with each failure in a row, up to 5 minutes.</summary>
internal static class RetryBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);

    public static TimeSpan After(int failuresInARow)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failuresInARow);
        var ticks = First.Ticks * Math.Pow(2, Math.Min(failuresInARow - 1, 20));
        return TimeSpan.FromTicks((long)Math.Min(ticks, Longest.Ticks));
    }
}
