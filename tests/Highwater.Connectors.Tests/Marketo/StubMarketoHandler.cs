using System.Net;
using System.Text;

namespace Highwater.Connectors.Tests.Marketo;

/// <summary>Answers requests from a queue of canned answers and keeps what was sent.</summary>
internal sealed class StubMarketoHandler : HttpMessageHandler
{
    private readonly Queue<(HttpStatusCode Status, string Body)> _answers = new();

    public List<(HttpMethod Method, Uri Uri, string? Body)> Requests { get; } = [];

    public StubMarketoHandler Answer(string json, HttpStatusCode status = HttpStatusCode.OK)
    {
        _answers.Enqueue((status, json));
        return this;
    }

    /// <summary>A token answer as Marketo's identity gives it.</summary>
    public StubMarketoHandler Token(string token = "tok-1", int expiresIn = 3599) =>
        Answer($$"""{"access_token":"{{token}}","token_type":"bearer","expires_in":{{expiresIn}},"scope":"api@example.com"}""");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, request.RequestUri!, body));
        var (status, json) = _answers.Dequeue();
        return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
