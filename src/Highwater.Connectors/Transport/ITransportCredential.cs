namespace Highwater.Connectors.Transport;

/// <summary>Credentials as one request carries them.</summary>
internal interface ITransportCredential
{
    /// <summary>Puts the credentials on <paramref name="request"/> (a header; for a service whose host comes with its session, the host too).</summary>
    void Apply(HttpRequestMessage request);
}
