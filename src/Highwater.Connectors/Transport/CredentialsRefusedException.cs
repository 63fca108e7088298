using Highwater.Core.Connectors;

namespace Highwater.Connectors.Transport;

/// <summary>
/// Passes "the credentials were refused" from the <see cref="FailureClassificationHandler"/> up to
/// the <see cref="AuthenticationHandler"/>; never leaves the chain.
/// </summary>
internal sealed class CredentialsRefusedException(ServiceCallException final) : Exception(final.Message, final)
{
    /// <summary>What the caller sees when no refresh is left.</summary>
    public ServiceCallException Final { get; } = final;
}
