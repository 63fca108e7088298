using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Salesforce;

public sealed partial class SalesforceConnector
{
    private readonly SemaphoreSlim _sessionLock = new(1, 1);
    private SalesforceSession? _session;

    /// <summary>
    /// Sends one REST request through the gate and answers it, unless it failed as a whole:
    /// REQUEST_LIMIT_EXCEEDED is reported to the governor and thrown as
    /// <see cref="ServiceCallFailure.RateLimited"/>; a 5xx, a timeout or a connection lost after
    /// sending is <see cref="ServiceCallFailure.Unknown"/>; a connection never made is
    /// <see cref="ServiceCallFailure.Transient"/>. INVALID_SESSION_ID takes a new session and sends
    /// the request once more. Every answer's <c>Sforce-Limit-Info</c> is reported as usage.
    /// </summary>
    private async Task<SalesforceAnswer> SendAsync(CallTag tag, HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var session = await SessionAsync(cancellationToken);
            using var ticket = await _gate.EnterAsync(tag, cancellationToken);
            using var request = new HttpRequestMessage(method, new Uri(session.InstanceUrl, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            var answer = await ExchangeAsync(request, ticket, tag, cancellationToken);
            if (answer.Status == 401 && attempt == 0 && answer.FirstError().Code == "INVALID_SESSION_ID")
            {
                LogSessionExpired(tag.Kind);
                Interlocked.CompareExchange(ref _session, null, session);
                continue;
            }

            var (code, message) = answer.FirstError();
            if (answer.Status == 403 && code == "REQUEST_LIMIT_EXCEEDED")
            {
                // "TotalRequests Limit exceeded." is the rolling 24-hour allocation;
                // "ConcurrentRequests (Concurrent API Requests) Limit exceeded." the long-running-request cap.
                var concurrent = message?.Contains("ConcurrentRequests", StringComparison.OrdinalIgnoreCase) == true;
                await ticket.ReportAsync(concurrent ? ServiceSignal.TooManyConcurrent() : ServiceSignal.QuotaReached(), cancellationToken);
                LogLimitExceeded(tag.Kind, message ?? "");
                throw new ServiceCallException($"Salesforce refused the {tag.Kind} request: {message}", ServiceCallFailure.RateLimited, code);
            }

            if (answer.Status >= 500)
            {
                throw new ServiceCallException(
                    $"Salesforce answered HTTP {answer.Status} ({code}: {message}) to the {tag.Kind} request; it may or may not have been applied",
                    ServiceCallFailure.Unknown,
                    code ?? answer.Status.ToString(CultureInfo.InvariantCulture));
            }

            if (answer.Status == 401)
            {
                // Refused again with a new session: the credentials are at fault, not the request.
                throw new ServiceCallException($"credentials refused (HTTP 401 {code}, with a new session)", ServiceCallFailure.Unauthorized, code ?? "401");
            }

            if (answer.Status == 403)
            {
                throw new ServiceCallException($"Salesforce refused the {tag.Kind} request with HTTP {answer.Status}: {code}: {message}", ServiceCallFailure.Permanent, code);
            }

            return answer;
        }
    }

    private async Task<SalesforceAnswer> ExchangeAsync(HttpRequestMessage request, ICallTicket ticket, CallTag tag, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            throw new ServiceCallException($"could not reach Salesforce for the {tag.Kind} request; nothing was sent", ServiceCallFailure.Transient, null, e);
        }
        catch (HttpRequestException e)
        {
            throw new ServiceCallException($"the answer to the Salesforce {tag.Kind} request was lost ({e.HttpRequestError}); it may or may not have been applied", ServiceCallFailure.Unknown, null, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceCallException($"the Salesforce {tag.Kind} request timed out; it may or may not have been applied", ServiceCallFailure.Unknown, null, e);
        }

        using (response)
        {
            await ReportUsageAsync(ticket, response, cancellationToken);
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new ServiceCallException($"the answer to the Salesforce {tag.Kind} request was cut off; it may or may not have been applied", ServiceCallFailure.Unknown, null, e);
            }

            return new SalesforceAnswer((int)response.StatusCode, body);
        }
    }

    /// <summary><c>Sforce-Limit-Info: api-usage=18/5000[; per-app-api-usage=..]</c> → <see cref="ServiceSignal.Usage"/>.</summary>
    private static async ValueTask ReportUsageAsync(ICallTicket ticket, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Headers.TryGetValues("Sforce-Limit-Info", out var values)
            && ParseUsage(string.Join(';', values)) is { } usage)
        {
            await ticket.ReportAsync(ServiceSignal.Usage(usage.Used, usage.Limit), cancellationToken);
        }
    }

    /// <summary>The org-wide <c>api-usage=n/N</c> of a <c>Sforce-Limit-Info</c> header, or null.</summary>
    internal static (long Used, long Limit)? ParseUsage(string header)
    {
        var match = UsagePattern().Match(header);
        return match.Success
            && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var used)
            && long.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            ? (used, limit)
            : null;
    }

    [GeneratedRegex(@"(?:^|[;,\s])api-usage=(\d+)/(\d+)")]
    private static partial Regex UsagePattern();

    private async Task<SalesforceSession> SessionAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _session);
        if (current is not null && _time.GetUtcNow() < current.RenewAt)
        {
            return current;
        }

        await _sessionLock.WaitAsync(cancellationToken);
        try
        {
            current = _session;
            if (current is null || _time.GetUtcNow() >= current.RenewAt)
            {
                current = await AuthenticateAsync(cancellationToken);
                Volatile.Write(ref _session, current);
            }

            return current;
        }
        finally
        {
            _sessionLock.Release();
        }
    }

    /// <summary>The OAuth 2.0 client-credentials flow: <c>POST /services/oauth2/token</c>. Unmetered.</summary>
    private async Task<SalesforceSession> AuthenticateAsync(CancellationToken cancellationToken)
    {
        using var ticket = await _gate.EnterAsync(CallTag.Auth, cancellationToken);
        var login = _options.LoginUrl.AbsoluteUri.EndsWith('/') ? _options.LoginUrl : new Uri(_options.LoginUrl.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(login, "services/oauth2/token"))
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("client_id", _options.ClientId),
                new("client_secret", _options.ClientSecret),
            ]),
        };
        var answer = await ExchangeAsync(request, ticket, CallTag.Auth, cancellationToken);
        var (code, message) = answer.FirstError();
        if (answer.Status >= 500)
        {
            throw new ServiceCallException($"Salesforce's token endpoint answered HTTP {answer.Status}", ServiceCallFailure.Transient, code);
        }

        if (!answer.IsSuccess)
        {
            throw new ServiceCallException($"credentials refused (HTTP {answer.Status} {code} from the token endpoint: {message})", ServiceCallFailure.Unauthorized, code);
        }

        string? token, instance;
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            token = document.RootElement.GetProperty("access_token").GetString();
            instance = document.RootElement.TryGetProperty("instance_url", out var url) ? url.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ServiceCallException("Salesforce's token answer has no access_token", ServiceCallFailure.Transient, null, e);
        }

        var instanceUrl = _options.InstanceUrl ?? (instance is null ? login : new Uri(instance.EndsWith('/') ? instance : instance + "/"));
        var renewAt = _time.GetUtcNow() + _options.SessionLifetime - _options.RefreshMargin;
        LogSessionObtained(instanceUrl, renewAt);
        return new SalesforceSession(token ?? "", instanceUrl, renewAt);
    }

    /// <summary>
    /// Runs a SOQL query and follows <c>nextRecordsUrl</c> to the last page, every page a request
    /// of <paramref name="tag"/>. Answers every row.
    /// </summary>
    private async Task<List<JsonElement>> QueryAsync(CallTag tag, string soql, CancellationToken cancellationToken)
    {
        var rows = new List<JsonElement>();
        string? next = DataPath("query?q=" + Uri.EscapeDataString(soql));
        while (next is not null)
        {
            var answer = await SendAsync(tag, HttpMethod.Get, next, null, cancellationToken);
            if (!answer.IsSuccess)
            {
                throw Refused(tag, answer);
            }

            next = SalesforceJson.ReadPage(answer.Body, rows);
        }

        return rows;
    }

    /// <summary>A query's URI length in bytes, to keep it under <see cref="SalesforceConnectorOptions.MaxQueryUriBytes"/>.</summary>
    private int QueryUriBytes(Uri instance, string soql) => instance.AbsoluteUri.Length + DataPath("query?q=").Length + Uri.EscapeDataString(soql).Length;

    private static ServiceCallException Refused(CallTag tag, SalesforceAnswer answer)
    {
        var (code, message) = answer.FirstError();
        return new ServiceCallException($"Salesforce refused the {tag.Kind} request with HTTP {answer.Status}: {code}: {message}", ServiceCallFailure.Permanent, code ?? answer.Status.ToString(CultureInfo.InvariantCulture));
    }
}
