using Highwater.Connectors.Transport;

namespace Highwater.Connectors.Eloqua;

/// <summary>Basic credentials, and the pod a relative request URI goes to (null before it is known).</summary>
/// <param name="Authorization">The whole <c>Authorization</c> header value. Never logged.</param>
/// <param name="Base">The pod's base URL.</param>
internal sealed record EloquaCredential(string Authorization, Uri? Base) : ITransportCredential
{
    /// <inheritdoc />
    public void Apply(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        if (Base is not null && request.RequestUri is { IsAbsoluteUri: false } relative)
        {
            request.RequestUri = new Uri(Base, relative.OriginalString);
        }
    }

    /// <summary>Keeps the password out of logs and messages.</summary>
    public override string ToString() => $"EloquaCredential {{ Base = {Base} }}";
}
