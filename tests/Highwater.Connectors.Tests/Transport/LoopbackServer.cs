using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Tests.Transport;

/// <summary>
/// A real HTTP server on 127.0.0.1 whose every answer a test writes: it records each request it
/// got (path, Authorization header, body) and answers through <see cref="Answer"/>.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string? Authorization, string Body)> _seen = new();

    private LoopbackServer(WebApplication app) => _app = app;

    /// <summary>Where the server answers, with a trailing slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Writes the answer to a request; the default answers 200 with <c>{}</c>.</summary>
    public Func<HttpContext, Task> Answer { get; set; } = context => context.Response.WriteAsJsonAsync(new { });

    /// <summary>The requests received, in order.</summary>
    public IReadOnlyList<(string Path, string? Authorization, string Body)> Seen => [.. _seen];

    public static async Task<LoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            server._seen.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, body));
            await server.Answer(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
