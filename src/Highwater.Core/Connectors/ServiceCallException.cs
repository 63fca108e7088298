namespace Highwater.Core.Connectors;

/// <summary>
/// A call failed as a whole: nothing in the answer speaks for single records.
/// </summary>
public sealed class ServiceCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ServiceCallException(string message, ServiceCallFailure failure, string? code = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        Code = code;
    }

    /// <summary>Creates a permanent failure.</summary>
    public ServiceCallException(string message)
        : this(message, ServiceCallFailure.Permanent)
    {
    }

    /// <summary>Creates a permanent failure with an inner exception.</summary>
    public ServiceCallException(string message, Exception innerException)
        : this(message, ServiceCallFailure.Permanent, null, innerException)
    {
    }

    /// <summary>Creates a permanent failure without a message.</summary>
    public ServiceCallException()
        : this("the service call failed")
    {
    }

    /// <summary>What kind of failure this is, which decides the retry.</summary>
    public ServiceCallFailure Failure { get; }

    /// <summary>The service's code (<c>606</c>, <c>REQUEST_LIMIT_EXCEEDED</c>, an HTTP status), when it gave one.</summary>
    public string? Code { get; }

    /// <summary>For <see cref="ServiceCallFailure.QuotaSpent"/>: when calls may be paid again, as far as the governor knows.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>For <see cref="ServiceCallFailure.QuotaSpent"/>: the window that is spent.</summary>
    public string? Window { get; init; }

    /// <summary>
    /// Whether the failure is the destination's as a whole (credentials refused, quota spent), not any
    /// record's: the export stops and every row it holds goes back to the outbox unharmed.
    /// </summary>
    public bool StopsDestination => Failure is ServiceCallFailure.Unauthorized or ServiceCallFailure.QuotaSpent;

    /// <summary>Whether the service may have applied the call even though no answer says so.</summary>
    public bool MayHaveApplied => Failure == ServiceCallFailure.Unknown;
}
