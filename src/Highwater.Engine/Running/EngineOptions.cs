using Highwater.Engine.Execution;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Highwater.Engine.Running;

/// <summary>How an engine runs: its clock, logs, secrets, identity and retry rules.</summary>
public sealed class EngineOptions
{
    /// <summary>The clock of every stored time, window and backoff.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where logs go (never with a secret).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Resolves <c>${ENV_VAR}</c> references; the process environment when null.</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>
    /// This worker's name in outbox leases. Null: the machine and the configuration file, so a
    /// restarted process takes back at once what it held when it died.
    /// </summary>
    public string? Worker { get; init; }

    /// <summary>How long a claimed batch stays this worker's before another may take it.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Profiles in one planned batch when everything waiting goes at once (<c>sync</c>): the
    /// planner splits their records into calls of the service's maximum, so a bigger batch makes
    /// fewer list calls (each list's members of the whole batch share its calls).
    /// </summary>
    public int MaxBatchRows { get; init; } = 5_000;

    /// <summary>Export attempts that end "try later" before the profile goes to the dead letters.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The first wait after a failed attempt; it doubles with each one, up to an hour.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The executor's call retries and parallelism.</summary>
    public ExecutorOptions Executor { get; init; } = new();

    /// <summary>Makes the HTTP client of each destination; a plain <see cref="HttpClient"/> when null.</summary>
    public Func<string, HttpClient>? HttpClientFactory { get; init; }

    /// <summary>Whether to hold the one-process-per-worker lock (off only for tests that open two engines on purpose).</summary>
    public bool TakeLock { get; init; } = true;
}
