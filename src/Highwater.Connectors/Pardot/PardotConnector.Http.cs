using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Pardot;

public sealed partial class PardotConnector
{
    /// <summary>Codes after which nothing was applied and a later try may succeed (62 conflicting update, 85 unable to save).</summary>
    private static readonly HashSet<int> TransientCodes = [62, 85];

    private readonly SemaphoreSlim _sessionLock = new(1, 1);
    private PardotSession? _session;

    /// <summary>
    /// Sends one API request through the gate with the session and the business unit, and answers
    /// it unless it failed as a whole: code 66 (five in flight) and 122 (the day's calls spent) are
    /// reported to the governor and thrown as <see cref="ServiceCallFailure.RateLimited"/>, whatever
    /// the HTTP status (Salesforce documents the body, not the status); code 184 takes a new session
    /// and sends the request once more; 181 and 201 (the business unit) are permanent; a 5xx, a
    /// timeout or a connection lost after sending is <see cref="ServiceCallFailure.Unknown"/> when
    /// the request changes data. Other failures are the caller's to read.
    /// </summary>
    /// <param name="tag">What the request is, for the gate.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path and query under the API host, e.g. <c>api/prospect/version/4/do/read/email/a%40x.com?format=json</c>.</param>
    /// <param name="content">Makes the body (called again for a resend); null for none.</param>
    /// <param name="mayApply">Whether the request changes data, so that a lost answer leaves its effect unknown.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    private async Task<PardotResponse> SendAsync(CallTag tag, HttpMethod method, string path, Func<HttpContent>? content, bool mayApply, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var session = await SessionAsync(cancellationToken).ConfigureAwait(false);
            using var ticket = await _gate.EnterAsync(tag, cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, new Uri(Root(_options.ApiBaseAddress), path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
            request.Headers.TryAddWithoutValidation("Pardot-Business-Unit-Id", _options.BusinessUnitId);
            request.Content = content?.Invoke();
            var response = await ExchangeAsync(request, tag, mayApply, cancellationToken).ConfigureAwait(false);
            switch (response.ErrorCode)
            {
                case 184 when attempt == 0:
                    LogSessionExpired(tag.Kind);
                    Interlocked.CompareExchange(ref _session, null, session);
                    continue;
                case 66 or 122:
                    LogLimit(tag.Kind, response.ErrorCode.Value, response.ErrorMessage);
                    await ticket.ReportAsync(response.ErrorCode == 66 ? ServiceSignal.TooManyConcurrent() : ServiceSignal.QuotaReached(), cancellationToken).ConfigureAwait(false);
                    throw new ServiceCallException($"Pardot refused the {tag.Kind} request: code {response.ErrorCode} ({response.ErrorMessage})", ServiceCallFailure.RateLimited, Code(response.ErrorCode));
                case 181 or 184 or 201 or 49:
                    throw new ServiceCallException($"credentials refused (code {response.ErrorCode}: {response.ErrorMessage})", ServiceCallFailure.Unauthorized, Code(response.ErrorCode));
                case { } code when TransientCodes.Contains(code):
                    throw new ServiceCallException($"Pardot could not apply the {tag.Kind} request now: code {code} ({response.ErrorMessage})", ServiceCallFailure.Transient, Code(code));
            }

            if (response.Status == (int)HttpStatusCode.TooManyRequests)
            {
                await ticket.ReportAsync(ServiceSignal.RateWindowExceeded(), cancellationToken).ConfigureAwait(false);
                throw new ServiceCallException($"Pardot answered HTTP 429 to the {tag.Kind} request", ServiceCallFailure.RateLimited, "429");
            }

            if (response.Status >= 500)
            {
                throw new ServiceCallException(
                    $"Pardot answered HTTP {response.Status} to the {tag.Kind} request" + (mayApply ? "; it may or may not have been applied" : ""),
                    mayApply ? ServiceCallFailure.Unknown : ServiceCallFailure.Transient,
                    response.Status.ToString(CultureInfo.InvariantCulture));
            }

            return response;
        }
    }

    private async Task<PardotResponse> ExchangeAsync(HttpRequestMessage request, CallTag tag, bool mayApply, CancellationToken cancellationToken)
    {
        var lost = mayApply ? ServiceCallFailure.Unknown : ServiceCallFailure.Transient;
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            throw new ServiceCallException($"could not reach Pardot for the {tag.Kind} request; nothing was sent", ServiceCallFailure.Transient, null, e);
        }
        catch (HttpRequestException e)
        {
            throw new ServiceCallException($"the answer to the Pardot {tag.Kind} request was lost ({e.HttpRequestError})", lost, null, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceCallException($"the Pardot {tag.Kind} request timed out", lost, null, e);
        }

        using (response)
        {
            try
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return new PardotResponse((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new ServiceCallException($"the answer to the Pardot {tag.Kind} request was cut off", lost, null, e);
            }
        }
    }

    private async Task<PardotSession> SessionAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _session);
        if (current is not null && _time.GetUtcNow() < current.RenewAt)
        {
            return current;
        }

        await _sessionLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _session;
            if (current is null || _time.GetUtcNow() >= current.RenewAt)
            {
                current = await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _session, current);
            }

            return current;
        }
        finally
        {
            _sessionLock.Release();
        }
    }

    /// <summary>Salesforce's OAuth 2.0 client-credentials flow: <c>POST {login}/services/oauth2/token</c>. Unmetered.</summary>
    private async Task<PardotSession> AuthenticateAsync(CancellationToken cancellationToken)
    {
        using var ticket = await _gate.EnterAsync(CallTag.Auth, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Root(_options.LoginUrl), "services/oauth2/token"))
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("client_id", _options.ClientId),
                new("client_secret", _options.ClientSecret),
            ]),
        };
        var answer = await ExchangeAsync(request, CallTag.Auth, mayApply: false, cancellationToken).ConfigureAwait(false);
        if (answer.Status >= 500)
        {
            throw new ServiceCallException($"Salesforce's token endpoint answered HTTP {answer.Status}", ServiceCallFailure.Transient, answer.Status.ToString(CultureInfo.InvariantCulture));
        }

        var token = answer.Status == 200 ? PardotResponse.Text(answer.Json?["access_token"]) : null;
        if (token is null)
        {
            var error = PardotResponse.Text(answer.Json?["error"]) ?? answer.Status.ToString(CultureInfo.InvariantCulture);
            throw new ServiceCallException($"credentials refused (HTTP {answer.Status} {error} from the token endpoint: {PardotResponse.Text(answer.Json?["error_description"])})", ServiceCallFailure.Unauthorized, error);
        }

        var renewAt = _time.GetUtcNow() + _options.SessionLifetime - _options.RefreshMargin;
        LogSessionObtained(renewAt);
        return new PardotSession(token, renewAt);
    }

    private static string? Code(int? code) => code?.ToString(CultureInfo.InvariantCulture);

    private static ServiceCallException Refused(CallTag tag, PardotResponse response) => new(
        $"Pardot refused the {tag.Kind} request with HTTP {response.Status}: code {response.ErrorCode} ({response.ErrorMessage ?? Snippet(response.Body)})",
        ServiceCallFailure.Permanent,
        Code(response.ErrorCode) ?? response.Status.ToString(CultureInfo.InvariantCulture));

    private static string Snippet(string body) => body.Length <= 200 ? body : body[..200];

    /// <summary>The URL with a trailing slash, so relative paths land under it.</summary>
    private static Uri Root(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
