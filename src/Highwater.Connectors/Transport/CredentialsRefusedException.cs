using Highwater.Core.Connectors;

namespace Highwater.Connectors.Transport;

/// <summary>
/// Passes "the credentials were refused" from the <see cref="FailureClassificationHandler"/> up to
/// the <see cref="AuthenticationHandler"/>; never leaves the chain.
/// </summary>
internal sealed class CredentialsRefusedException : Exception
{
    public CredentialsRefusedException(ServiceCallException final)
        : base(final?.Message, final)
    {
        Final = final!;
    }

    public CredentialsRefusedException()
        : this(new ServiceCallException("credentials refused", ServiceCallFailure.Unauthorized))
    {
    }

    public CredentialsRefusedException(string message)
        : this(new ServiceCallException(message, ServiceCallFailure.Unauthorized))
    {
    }

    public CredentialsRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Final = new ServiceCallException(message, ServiceCallFailure.Unauthorized);
    }

    /// <summary>What the caller sees when no refresh is left.</summary>
    public ServiceCallException Final { get; }
}
