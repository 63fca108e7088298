using System.Net;
using System.Text;

namespace Highwater.Connectors.Tests.Eloqua;

/// <summary>Answers requests from (method + path prefix, status, body) fixtures, each once, in order; records what was sent.</summary>
internal sealed class StubEloquaHandler : HttpMessageHandler
{
    private readonly List<(string Route, int Status, string Body)> _fixtures = [];

    public List<string> Sent { get; } = [];

    public List<string?> Bodies { get; } = [];

    public StubEloquaHandler On(string route, int status, string body = "")
    {
        _fixtures.Add((route, status, body));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var line = $"{request.Method} {request.RequestUri!.GetLeftPart(UriPartial.Authority)}{Uri.UnescapeDataString(request.RequestUri.PathAndQuery)}";
        Sent.Add(line);
        Bodies.Add(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
        var index = _fixtures.FindIndex(f => line.StartsWith(f.Route, StringComparison.Ordinal));
        if (index < 0)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("") };
        }

        var fixture = _fixtures[index];
        _fixtures.RemoveAt(index);
        return new HttpResponseMessage((HttpStatusCode)fixture.Status) { Content = new StringContent(fixture.Body, Encoding.UTF8, "application/json") };
    }
}
