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

    /// <summary>
    /// The service refused the credentials, after the one fresh token or session a connector takes
    /// (HTTP 401, Marketo 601/602 with a fresh token or 603, Salesforce INVALID_SESSION_ID after a new
    /// session, Pardot 181/184/201/49, Eloqua's "Not authenticated."). A failure of the destination, not
    /// of any record: the export stops, nothing becomes a dead letter, and what waits stays in the outbox.
    /// </summary>
    Unauthorized,

    /// <summary>
    /// A day-long quota is spent (Marketo 607, Salesforce REQUEST_LIMIT_EXCEEDED, Pardot 122, or the
    /// governor's own count): no call is paid before <see cref="ServiceCallException.RetryAt"/>. A failure of
    /// the destination, not of any record, and not a failed attempt: what waits stays in the outbox.
    /// </summary>
    QuotaSpent,
}
