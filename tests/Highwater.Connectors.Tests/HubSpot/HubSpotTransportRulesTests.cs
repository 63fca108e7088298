using System.Net;
using System.Text;
using Highwater.Connectors.HubSpot;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;
using static Highwater.Connectors.Tests.HubSpot.HubSpotContractHarness;

namespace Highwater.Connectors.Tests.HubSpot;

/// <summary>Answers that are not HubSpot's JSON (a proxy's page in front of it), read from the body the transport parsed once.</summary>
public sealed class HubSpotTransportRulesTests
{
    [Theory]
    [InlineData(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>")]
    [InlineData(503, "application/json", "[\"not\", \"an\", \"object\"]")]
    [InlineData(500, "text/plain", "")]
    public async Task ServerErrorWithABodyThatIsNoErrorObject_LookupFailsTransient_WithTheStatus(int status, string mediaType, string body)
    {
        using var http = new HttpClient(new FixedAnswer(status, mediaType, body));
        var connector = new HubSpotConnector(http, new HubSpotConnectorOptions { BaseAddress = new Uri("http://127.0.0.1:9/"), AccessToken = Token }, new TallyingCallGate());

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default));

        Assert.Equal((ServiceCallFailure.Transient, status.ToString(System.Globalization.CultureInfo.InvariantCulture)), (error.Failure, error.Code));
        Assert.Equal($"HubSpot lookup: HTTP {status}", error.Message);
    }

    [Fact]
    public async Task BadRequestWithAnHtmlBody_LookupPermanent_NamingTheStatus()
    {
        using var http = new HttpClient(new FixedAnswer(400, "text/html", "<html>Bad Request</html>"));
        var connector = new HubSpotConnector(http, new HubSpotConnectorOptions { BaseAddress = new Uri("http://127.0.0.1:9/"), AccessToken = Token }, new TallyingCallGate());

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default));

        Assert.Equal((ServiceCallFailure.Permanent, "400"), (error.Failure, error.Code));
    }

    private sealed class FixedAnswer(int status, string mediaType, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
    }
}
