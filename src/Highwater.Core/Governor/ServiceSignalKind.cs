namespace Highwater.Core.Governor;

/// <summary>What a service said about its limits; see <see cref="ServiceSignal"/> for each service's answers.</summary>
public enum ServiceSignalKind
{
    /// <summary>A short rate window was exceeded: pause that window for its length.</summary>
    RateWindowExceeded,

    /// <summary>A daily quota is spent: pause that window until it resets.</summary>
    QuotaReached,

    /// <summary>Too many calls in flight: lower the concurrency limit for a while.</summary>
    TooManyConcurrent,

    /// <summary>Wait for a delay or until an instant the service named.</summary>
    RetryAfter,

    /// <summary>The service's own count of a window, which may include other integrations' calls.</summary>
    UsageReported,
}
