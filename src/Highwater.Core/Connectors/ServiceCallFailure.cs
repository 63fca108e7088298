namespace Highwater.Core.Connectors;

/// <summary>Why a call failed as a whole, which decides what happens next.</summary>
public enum ServiceCallFailure
{
    /// <summary>A limit was hit; the connector already told the governor. Retry when the governor allows; not a failed attempt.</summary>
    RateLimited,

    /// <summary>The service failed and applied nothing (a 5xx with a body that says so, a 503). Retry with backoff.</summary>
    Transient,

    /// <summary>
    /// The answer was lost (a timeout, a dropped connection, a 5xx after the request was sent):
    /// the call may or may not have been applied. Retry with backoff; a create is first resolved by
    /// a lookup so that it is never made twice.
    /// </summary>
    Unknown,

    /// <summary>The call can never succeed as sent (bad credentials, a malformed request). Not retried.</summary>
    Permanent,
}
