namespace Highwater.Connectors.Transport;

/// <summary>Request URIs for credentials that place relative ones under their host (a session's instance, a pod).</summary>
internal static class TransportUri
{
    /// <summary>
    /// An absolute http(s) URL as it is, anything else as a relative URI, even one starting with
    /// <c>/</c> (which <see cref="UriKind.RelativeOrAbsolute"/> reads as a file path on Unix).
    /// </summary>
    public static Uri Of(string pathOrUrl) =>
        Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps)
            ? absolute
            : new Uri(pathOrUrl, UriKind.Relative);
}
