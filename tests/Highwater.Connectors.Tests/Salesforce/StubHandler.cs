using System.Net;
using System.Text;

namespace Highwater.Connectors.Tests.Salesforce;

/// <summary>Answers requests from a list of (method + path prefix, status, body, headers) fixtures and records what was sent.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly List<(string Route, int Status, string Body, string? LimitInfo)> _fixtures = [];

    public List<string> Sent { get; } = [];

    public List<string> Hosts { get; } = [];

    public StubHandler On(string route, int status, string body, string? limitInfo = "api-usage=8262/15000")
    {
        _fixtures.Add((route, status, body, limitInfo));
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var line = $"{request.Method} {request.RequestUri!.PathAndQuery}";
        Sent.Add(line);
        Hosts.Add(request.RequestUri.Host);
        var index = _fixtures.FindIndex(f => line.StartsWith(f.Route, StringComparison.Ordinal));
        if (index < 0)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("[]") });
        }

        var fixture = _fixtures[index];
        if (!fixture.Route.StartsWith("POST /services/oauth2", StringComparison.Ordinal))
        {
            _fixtures.RemoveAt(index);
        }

        var response = new HttpResponseMessage((HttpStatusCode)fixture.Status) { Content = new StringContent(fixture.Body, Encoding.UTF8, "application/json") };
        if (fixture.LimitInfo is not null)
        {
            response.Headers.TryAddWithoutValidation("Sforce-Limit-Info", fixture.LimitInfo);
        }

        return Task.FromResult(response);
    }
}
