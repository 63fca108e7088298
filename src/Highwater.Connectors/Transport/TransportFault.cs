using Highwater.Core.Connectors;

namespace Highwater.Connectors.Transport;

/// <summary>A request that got no answer, as the transport saw it, for a service to word.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Tag">What the request was.</param>
/// <param name="MayApply">Whether the request changes data.</param>
/// <param name="Exception">What the HTTP client threw.</param>
internal readonly record struct TransportFault(TransportFaultKind Kind, CallTag Tag, bool MayApply, Exception Exception)
{
    /// <summary>
    /// The failure the transport gives it: nothing sent when the service was not reached
    /// (<see cref="ServiceCallFailure.Transient"/>); otherwise <see cref="ServiceCallFailure.Unknown"/>
    /// for a request that may have applied, <see cref="ServiceCallFailure.Transient"/> for one that changes nothing.
    /// </summary>
    public ServiceCallFailure Failure => Kind == TransportFaultKind.Unreachable ? ServiceCallFailure.Transient : LostFailure;

    /// <summary>What a lost answer means for this request.</summary>
    public ServiceCallFailure LostFailure => MayApply ? ServiceCallFailure.Unknown : ServiceCallFailure.Transient;

    /// <summary>The HTTP client's own reason, when it gave one (<c>ResponseEnded</c>).</summary>
    public HttpRequestError? Error => (Exception as HttpRequestException)?.HttpRequestError;
}
