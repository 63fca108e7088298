namespace Highwater.Engine.DryRuns;

/// <summary>The HTTP handler of a dry run's connectors: it refuses every request, so a dry run cannot reach a service even by mistake.</summary>
internal sealed class NoServiceCalls : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"a dry run calls no service (refused {request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)})");
}
