namespace Highwater.Core.Governor;

/// <summary>
/// What a service said about its limits, as a connector reports it to the <see cref="RateGovernor"/>.
/// A window left unnamed is the policy's shortest for <see cref="RateWindowExceeded"/> and its
/// longest for <see cref="QuotaReached"/> and <see cref="Usage"/>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>service answer</term><description>signal</description></listheader>
/// <item><term>Marketo 606 (HTTP 200, code in the body); HubSpot 429 with policyName TEN_SECONDLY_ROLLING or SECONDLY and no Retry-After</term><description><see cref="RateWindowExceeded"/></description></item>
/// <item><term>Marketo 607; Pardot 122; HubSpot 429 with policyName DAILY; Salesforce 403 REQUEST_LIMIT_EXCEEDED "TotalRequests"</term><description><see cref="QuotaReached"/></description></item>
/// <item><term>Marketo 615; Pardot 66; Salesforce REQUEST_LIMIT_EXCEEDED "ConcurrentRequests"</term><description><see cref="TooManyConcurrent"/></description></item>
/// <item><term>HTTP 429 (or 503) with Retry-After: seconds or an HTTP date (Eloqua, HubSpot, any service)</term><description><see cref="Retry(TimeSpan)"/>, <see cref="RetryAt"/></description></item>
/// <item><term>Salesforce <c>Sforce-Limit-Info: api-usage=n/N</c></term><description><see cref="Usage"/>(n, N)</description></item>
/// <item><term>HubSpot <c>X-HubSpot-RateLimit-Daily</c> and <c>-Daily-Remaining</c>; <c>-Max</c> and <c>-Remaining</c> for the 10-second window</term><description><see cref="Remaining"/></description></item>
/// </list>
/// </remarks>
public readonly record struct ServiceSignal
{
    /// <summary>What the service said.</summary>
    public ServiceSignalKind Kind { get; init; }

    /// <summary>The policy window the signal is about; null for the default (see the type's summary).</summary>
    public string? Window { get; init; }

    /// <summary>For <see cref="ServiceSignalKind.RetryAfter"/>: how long to wait, when given as a delay.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>For <see cref="ServiceSignalKind.RetryAfter"/>: until when to wait, when given as an instant.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>For <see cref="ServiceSignalKind.UsageReported"/>: calls the service counted in the window.</summary>
    public long? Used { get; init; }

    /// <summary>For <see cref="ServiceSignalKind.UsageReported"/>: the window's limit as the service reported it, when it did.</summary>
    public long? Limit { get; init; }

    /// <summary>A short rate window was exceeded (Marketo 606).</summary>
    public static ServiceSignal RateWindowExceeded(string? window = null) => new() { Kind = ServiceSignalKind.RateWindowExceeded, Window = window };

    /// <summary>A daily quota is spent (Marketo 607, Pardot 122, HubSpot DAILY, Salesforce REQUEST_LIMIT_EXCEEDED).</summary>
    public static ServiceSignal QuotaReached(string? window = null) => new() { Kind = ServiceSignalKind.QuotaReached, Window = window };

    /// <summary>Too many calls in flight (Marketo 615, Pardot 66).</summary>
    public static ServiceSignal TooManyConcurrent() => new() { Kind = ServiceSignalKind.TooManyConcurrent };

    /// <summary>Retry-After given in seconds.</summary>
    public static ServiceSignal Retry(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new() { Kind = ServiceSignalKind.RetryAfter, Delay = delay };
    }

    /// <summary>Retry-After given as an HTTP date.</summary>
    public static ServiceSignal RetryAt(DateTimeOffset until) => new() { Kind = ServiceSignalKind.RetryAfter, Until = until };

    /// <summary>The service counted <paramref name="used"/> calls in the window (of <paramref name="limit"/>, when it said).</summary>
    public static ServiceSignal Usage(long used, long? limit = null, string? window = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(used);
        return new() { Kind = ServiceSignalKind.UsageReported, Used = used, Limit = limit, Window = window };
    }

    /// <summary>The service has <paramref name="remaining"/> of <paramref name="limit"/> calls left in the window.</summary>
    public static ServiceSignal Remaining(long remaining, long limit, string? window = null) =>
        Usage(Math.Max(0, limit - remaining), limit, window);
}
