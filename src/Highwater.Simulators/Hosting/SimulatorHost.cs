using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Highwater.Simulators.Hosting;

/// <summary>
/// Runs one simulator as a Kestrel app on 127.0.0.1 (never any other address). Port 0 picks a free
/// port; <see cref="BaseAddress"/> says which. Used in-process by tests and by
/// <c>highwater simulate</c>.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the simulator answers, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// Builds and starts a simulator: <paramref name="map"/> adds its endpoints to the app.
    /// </summary>
    /// <param name="port">The port on 127.0.0.1; 0 for any free one.</param>
    /// <param name="map">Maps the simulator's endpoints.</param>
    /// <param name="logging">Where to log requests: the CLI's factory, which redacts credentials; null (tests) logs nothing.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<SimulatorHost> StartAsync(int port, Action<WebApplication> map, ILoggerFactory? logging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        if (logging is not null)
        {
            // The caller's factory, not one of the app's: it decides the format and what is redacted.
            builder.Services.AddSingleton(logging);
        }

        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>Stops the app and waits for it.</summary>
    public async Task StopAsync() => await _app.StopAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
