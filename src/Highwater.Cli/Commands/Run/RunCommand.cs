using Highwater.Cli.Commands.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Run;

/// <summary>
/// <c>highwater run [--config FILE] [--metrics-urls URL[,URL]]</c>: the long-running service.
/// Polls each source at its interval, exports each destination as its scheduler decides, serves
/// metrics when asked, and on SIGTERM or Ctrl+C stops polling, lets the batch in flight finish
/// (or abandons it safely after a grace), closes the engine and exits 0. Logs go to stderr as
/// plain lines.
/// </summary>
internal sealed class RunCommand : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var config = EngineSession.Load(settings.Config);
        // The host's own failure logs carry stack traces; run reports a failed start itself, in one sentence.
        using var logging = EngineSession.Logging(settings, LogLevel.Information, builder => builder.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None));
        var logger = logging.CreateLogger<RunCommand>();
        var options = new RunOptions { MetricsUrls = settings.Urls };
        await using var engine = await EngineSession.OpenAsync(config, logging, cancellationToken);
        using var host = RunHost.Build(engine, options, logging);
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException($"the service could not start: {RunLog.Describe(ex)}", ex);
        }

        var metrics = options.MetricsUrls.Count == 0 ? "off" : string.Join(", ", options.MetricsUrls.Select(url => new Uri(url, "metrics").AbsoluteUri));
        RunLog.Started(logger, engine.Worker, engine.Sources.Count, engine.Destinations.Count, metrics);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var stopping = lifetime.ApplicationStopping.Register(() => RunLog.Stopping(logger, options.StopGrace));
        await host.WaitForShutdownAsync(cancellationToken);
        RunLog.Stopped(logger);
        return ExitCodes.Success;
    }
}
