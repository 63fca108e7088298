using Microsoft.Extensions.Logging.Console;

namespace Highwater.Cli.Logging;

/// <summary>The options of <see cref="HighwaterLogFormatter"/>.</summary>
internal sealed class HighwaterLogFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>Whether an exception prints its stack (debug logging); otherwise its type and message only.</summary>
    public bool StackTraces { get; set; }

    /// <summary>The clock of the timestamps.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;
}
