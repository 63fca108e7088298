using System.Net;
using System.Text;

namespace Highwater.Connectors.Tests.Pardot;

/// <summary>Answers requests from fixtures (method + path prefix → status and a resource file) and records what was sent.</summary>
internal sealed class PardotStubHandler : HttpMessageHandler
{
    private readonly List<(string Route, int Status, string Body, string MediaType)> _fixtures = [];

    public List<(string Line, string? Body, IReadOnlyDictionary<string, string> Headers)> Sent { get; } = [];

    /// <summary>A resource of Pardot/Resources (our fixtures, in the shapes of the recorded traffic).</summary>
    public static string Resource(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Pardot", "Resources", name));

    public PardotStubHandler On(string route, int status, string resource)
    {
        _fixtures.Add((route, status, Resource(resource), resource.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/json"));
        return this;
    }

    public PardotStubHandler Token() => On("POST /services/oauth2/token", 200, "token.json");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var line = $"{request.Method} {request.RequestUri!.PathAndQuery}";
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Sent.Add((line, body, request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase)));
        var index = _fixtures.FindIndex(f => line.StartsWith(f.Route, StringComparison.Ordinal));
        if (index < 0)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        }

        var fixture = _fixtures[index];
        _fixtures.RemoveAt(index);
        return new HttpResponseMessage((HttpStatusCode)fixture.Status) { Content = new StringContent(fixture.Body, Encoding.UTF8, fixture.MediaType) };
    }
}
