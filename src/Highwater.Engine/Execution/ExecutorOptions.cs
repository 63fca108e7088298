namespace Highwater.Engine.Execution;

/// <summary>How the executor runs a plan.</summary>
public sealed class ExecutorOptions
{
    /// <summary>Attempts after the first for a call that failed as a whole (not counting waits for quota). Default 4.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter. Default 2 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many times one call may meet a rate limit before the executor gives up on it for this
    /// batch (the governor paces every attempt, so this is a guard against a service that never
    /// recovers, not a retry budget). Default 50.
    /// </summary>
    public int MaxRateLimitedAttempts { get; set; } = 50;

    /// <summary>Calls of one step that may run at once (the governor's concurrency limit still applies). Default 4.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>Whether mapped lists that do not exist remotely are created (they start empty). Default true.</summary>
    public bool CreateMissingLists { get; set; } = true;
}
