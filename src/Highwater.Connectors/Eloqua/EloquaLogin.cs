using System.Net;
using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Eloqua;

/// <summary>
/// Eloqua's authentication for the shared transport: Basic credentials on every request, and the
/// pod's base URL, configured or asked once of the login service (<c>GET /id</c> → <c>urls.base</c>,
/// an unmetered request through <paramref name="login"/>). Basic credentials have nothing to refresh.
/// </summary>
internal sealed class EloquaLogin(ServiceTransport login, EloquaConnectorOptions options) : ITransportAuthenticator
{
    private readonly SemaphoreSlim _discovery = new(1, 1);
    private readonly string _authorization = Authorization(options);
    private Uri? _base = options.BaseUrl;

    /// <summary>The <c>Authorization</c> header value of <paramref name="options"/>' user.</summary>
    public static string Authorization(EloquaConnectorOptions options) =>
        "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{options.Company}\\{options.Username}:{options.Password}"));

    /// <inheritdoc />
    public async ValueTask<ITransportCredential> GetAsync(CancellationToken cancellationToken) =>
        new EloquaCredential(_authorization, await BaseAsync(cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public bool Invalidate(ITransportCredential refused) => false;

    /// <summary>The pod's base URL: configured, or asked once of the login service.</summary>
    private async Task<Uri> BaseAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _base) is { } known)
        {
            return known;
        }

        await _discovery.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_base is { } found)
            {
                return found;
            }

            var answer = await login.SendAsync(CallTag.Auth, () => EloquaConnector.Request(HttpMethod.Get, new Uri(options.LoginUrl, "id"), null), mayApply: true, cancellationToken).ConfigureAwait(false);
            var status = (HttpStatusCode)answer.Status;
            var body = EloquaConnector.Parse(answer.Body);
            if (body is JsonValue message && message.TryGetValue<string>(out var text))
            {
                // A bad login is answered 200 with the JSON string "Not authenticated.".
                throw new ServiceCallException($"credentials refused (login: {text})", ServiceCallFailure.Unauthorized, "id");
            }

            if (status != HttpStatusCode.OK || body?["urls"]?["base"]?.GetValue<string>() is not { Length: > 0 } baseUrl
                || !Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var uri))
            {
                throw new ServiceCallException($"Eloqua login: HTTP {(int)status} without the instance's base URL", ServiceCallFailure.Transient, "id");
            }

            Volatile.Write(ref _base, uri);
            return uri;
        }
        finally
        {
            _discovery.Release();
        }
    }
}
