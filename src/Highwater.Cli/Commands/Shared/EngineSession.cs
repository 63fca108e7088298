using Highwater.Cli.Logging;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Microsoft.Extensions.Logging;

namespace Highwater.Cli.Commands.Shared;

/// <summary>Loads a configuration and opens its engine for one command, with logs on stderr.</summary>
internal static class EngineSession
{
    /// <summary>Loads and checks <paramref name="path"/>.</summary>
    /// <exception cref="ConfigProblemsException">It has problems.</exception>
    public static HighwaterConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"no configuration at {path}: run `highwater init` to make one, or pass --config FILE");
        }

        var result = ConfigLoader.Load(path);
        return result.Config ?? throw new ConfigProblemsException(path, result.Problems);
    }

    /// <summary>
    /// Logs for a command: plain lines on stderr (<see cref="HighwaterLogFormatter"/>) at the level
    /// <paramref name="settings"/> ask for (<c>--log-level</c>, <c>-v</c>, <c>HIGHWATER_LOG_LEVEL</c>),
    /// else <paramref name="level"/>; <paramref name="configure"/> adds filters. Every line is
    /// redacted (<see cref="CredentialRedactor"/>).
    /// </summary>
    public static ILoggerFactory Logging(CommonSettings? settings, LogLevel level = LogLevel.Warning, Action<ILoggingBuilder>? configure = null)
    {
        var chosen = settings?.LevelOr(level) ?? new CommonSettings().LevelOr(level);
        return new RedactingLoggerFactory(LoggerFactory.Create(builder =>
        {
            builder
                .SetMinimumLevel(chosen)
                .AddConsoleFormatter<HighwaterLogFormatter, HighwaterLogFormatterOptions>(options => options.StackTraces = chosen <= LogLevel.Debug)
                .AddConsole(options =>
                {
                    options.FormatterName = HighwaterLogFormatter.FormatterName;
                    options.LogToStandardErrorThreshold = LogLevel.Trace;
                })
                .AddFilter("System.Net.Http", chosen <= LogLevel.Debug ? LogLevel.Information : LogLevel.Warning);
            configure?.Invoke(builder);
        }));
    }

    /// <summary>Logs at <paramref name="level"/> unless <c>HIGHWATER_LOG_LEVEL</c> says otherwise (for callers without settings).</summary>
    public static ILoggerFactory Logging(LogLevel level = LogLevel.Warning, Action<ILoggingBuilder>? configure = null) => Logging(null, level, configure);

    /// <summary>Opens the buffer store of <paramref name="config"/> alone: no source, connector, worker lock or lease is touched.</summary>
    public static Task<Highwater.Storage.IBufferStore> OpenStoreAsync(HighwaterConfig config, ILoggerFactory logging, CancellationToken cancellationToken, TimeProvider? time = null) =>
        HighwaterEngine.OpenStoreAsync(config, new EngineOptions { LoggerFactory = logging, Time = time ?? TimeProvider.System }, cancellationToken);

    /// <summary>Opens the engine of <paramref name="config"/>.</summary>
    public static Task<HighwaterEngine> OpenAsync(HighwaterConfig config, ILoggerFactory logging, CancellationToken cancellationToken, TimeProvider? time = null) =>
        HighwaterEngine.OpenAsync(config, new EngineOptions { LoggerFactory = logging, Time = time ?? TimeProvider.System }, cancellationToken);
}
