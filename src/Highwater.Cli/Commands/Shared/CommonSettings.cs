using System.ComponentModel;
using Highwater.Cli.Logging;
using Microsoft.Extensions.Logging;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Shared;

/// <summary>The options every command takes: how much it logs.</summary>
internal class CommonSettings : CommandSettings
{
    [CommandOption("-v|--verbose")]
    [Description("Log more: debug lines, and the detail of failures.")]
    public bool Verbose { get; init; }

    [CommandOption("--log-level <LEVEL>")]
    [Description("The least severe log lines to print: trace, debug, information, warning, error, critical or none (default: warning; information for run; or HIGHWATER_LOG_LEVEL).")]
    [TypeConverter(typeof(LogLevelConverter))]
    public LogLevel LogLevel { get; init; } = NotGiven;

    /// <summary>The value of <see cref="LogLevel"/> when the option was not given.</summary>
    private const LogLevel NotGiven = (LogLevel)(-1);

    /// <summary>
    /// The level to log at: <c>--log-level</c>, else debug with <c>--verbose</c>, else
    /// <c>HIGHWATER_LOG_LEVEL</c> from <paramref name="environment"/>, else <paramref name="commandDefault"/>.
    /// </summary>
    public LogLevel LevelOr(LogLevel commandDefault, Func<string, string?>? environment = null)
    {
        if (LogLevel != NotGiven)
        {
            return LogLevel;
        }

        if (Verbose)
        {
            return Microsoft.Extensions.Logging.LogLevel.Debug;
        }

        var variable = (environment ?? Environment.GetEnvironmentVariable)("HIGHWATER_LOG_LEVEL");
        return variable is not null && LogLevelConverter.TryParse(variable, out var fromEnvironment) ? fromEnvironment : commandDefault;
    }
}
