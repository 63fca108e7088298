using Highwater.Engine.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Highwater.Cli.Commands.Run;

/// <summary>
/// The Generic Host of <c>highwater run</c> over an open engine: a polling loop per source, the
/// group refresher, an export loop per destination, and with metrics on, the Prometheus listener
/// and the gauge refresher. Its clock is the engine's, from DI, so a test can run it on a fake one.
/// SIGTERM and Ctrl+C stop it (the console lifetime).
/// </summary>
internal static class RunHost
{
    /// <summary>Time beyond the batch's grace for the rest of the stop (the store, the listener).</summary>
    private static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(10);

    public static IHost Build(HighwaterEngine engine, RunOptions options, ILoggerFactory logging)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logging);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "highwater" });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(logging);
        builder.Services.AddSingleton(engine.Time);
        builder.Services.AddSingleton(engine);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new ExportSignals(engine.Destinations.Select(d => d.Name)));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.StopGrace + StopMargin);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);

        foreach (var source in engine.Sources)
        {
            var interval = engine.Config.Sources[source].PollInterval;
            builder.Services.AddSingleton<IHostedService>(services => ActivatorUtilities.CreateInstance<SourcePollingService>(services, source, interval));
        }

        builder.Services.AddHostedService<GroupRefreshService>();
        foreach (var destination in engine.Destinations)
        {
            builder.Services.AddSingleton<IHostedService>(services =>
                ActivatorUtilities.CreateInstance<DestinationExportService>(services, destination, services.GetRequiredService<ExportSignals>()[destination.Name]));
        }

        if (options.MetricsUrls.Count > 0)
        {
            var prefixes = options.MetricsUrls.Select(url => new Uri(url, "metrics/").AbsoluteUri).ToList();
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(EngineMetrics.MeterName)
                .AddPrometheusHttpListener(listener =>
                {
                    listener.ScrapeEndpointPath = "/metrics";
                    listener.ConfigureHttpListener = (_, http) =>
                    {
                        http.Prefixes.Clear();
                        foreach (var prefix in prefixes)
                        {
                            http.Prefixes.Add(prefix);
                        }
                    };
                }));
            builder.Services.AddHostedService<GaugeRefreshService>();
        }

        return builder.Build();
    }
}
