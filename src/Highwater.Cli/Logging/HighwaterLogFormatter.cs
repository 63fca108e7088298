using System.Globalization;
using System.Text;
using Highwater.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Highwater.Cli.Logging;

/// <summary>
/// One plain line per log entry, made to be read:
/// <c>2026-12-06 09:59:01Z warn  PlanExecutor: Retrying a call (attempt 2) in 596 ms: HTTP 503</c>.
/// The category is the class alone, no event id is printed, durations read as <c>596 ms</c> or
/// <c>1m 05s</c> (<see cref="DurationText"/>), and an exception adds its message, its stack only
/// when asked (<c>--verbose</c>).
/// </summary>
internal sealed class HighwaterLogFormatter : ConsoleFormatter
{
    public const string FormatterName = "highwater";

    private readonly HighwaterLogFormatterOptions _options;

    public HighwaterLogFormatter(IOptions<HighwaterLogFormatterOptions> options)
        : base(FormatterName)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = LogMessageText.Render(logEntry.State, logEntry.Exception, logEntry.Formatter);
        if (message.Length == 0 && logEntry.Exception is null)
        {
            return;
        }

        var line = new StringBuilder();
        var now = _options.Time.GetUtcNow();
        line.Append(now.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(' ');
        line.Append(Level(logEntry.LogLevel)).Append(' ');
        line.Append(ShortCategory(logEntry.Category)).Append(": ").Append(message);
        if (logEntry.Exception is { } exception)
        {
            line.Append(message.Length == 0 ? "" : " ").Append(_options.StackTraces ? "\n" + exception : $"({exception.GetType().Name}: {exception.Message})");
        }

        textWriter.WriteLine(line.ToString());
    }

    /// <summary>"Highwater.Engine.Execution.PlanExecutor" reads "PlanExecutor"; a generic's arguments are dropped; ASP.NET Core's request lines read "http".</summary>
    public static string ShortCategory(string category)
    {
        if (string.Equals(category, RequestLine.Category, StringComparison.Ordinal))
        {
            return "http";
        }

        var name = category.Split('`', '[', '<')[0];
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[(dot + 1)..];
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info ",
        LogLevel.Warning => "warn ",
        LogLevel.Error => "error",
        _ => "crit ",
    };
}
