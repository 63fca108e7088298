using Microsoft.Extensions.Logging;

namespace Highwater.Simulators.Modules;

/// <summary>How to start a simulator: where it listens, where its request logs go, its clock, and the daily quota it enforces.</summary>
public sealed record SimulatorStart
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Where each request is logged; null for no logs.</summary>
    public ILoggerFactory? Logging { get; init; }

    /// <summary>The daily quota (or rolling daily allocation, or contract limit) to enforce; null for the service's default.</summary>
    public long? DailyQuota { get; init; }

    /// <summary>The simulator's clock (limits, token expiry, job latency); null for the system's.</summary>
    public TimeProvider? Time { get; init; }
}
