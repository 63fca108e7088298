using Highwater.Core.Connectors;

namespace Highwater.Connectors.Transport;

/// <summary>What a service's rules make of an answer that is not a limit.</summary>
internal readonly record struct TransportVerdict
{
    private TransportVerdict(TransportVerdictKind kind, ServiceCallException? failure)
    {
        Kind = kind;
        Failure = failure;
    }

    /// <summary>What to do.</summary>
    public TransportVerdictKind Kind { get; }

    /// <summary>
    /// For <see cref="TransportVerdictKind.Fail"/>, what is thrown; for
    /// <see cref="TransportVerdictKind.CredentialsRefused"/>, what is thrown when the credentials
    /// were already refreshed once for this request (or cannot be).
    /// </summary>
    public ServiceCallException? Failure { get; }

    /// <summary>The answer goes back to the connector to read.</summary>
    public static TransportVerdict Accept { get; } = new(TransportVerdictKind.Accept, null);

    /// <summary>The call failed as a whole.</summary>
    public static TransportVerdict Fail(ServiceCallException failure) => new(TransportVerdictKind.Fail, failure ?? throw new ArgumentNullException(nameof(failure)));

    /// <summary>
    /// The service refused the credentials in a way a fresh one may cure (an expired token): the
    /// transport takes fresh credentials and sends the request once more; refused again, it throws
    /// <paramref name="final"/> (normally <see cref="ServiceCallFailure.Unauthorized"/>).
    /// </summary>
    public static TransportVerdict CredentialsRefused(ServiceCallException final) => new(TransportVerdictKind.CredentialsRefused, final ?? throw new ArgumentNullException(nameof(final)));
}
