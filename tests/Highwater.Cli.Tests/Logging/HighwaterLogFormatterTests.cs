using Highwater.Cli.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Cli.Tests.Logging;

public sealed class HighwaterLogFormatterTests
{
    private static readonly Action<ILogger, int, TimeSpan, string, Exception?> Retry =
        LoggerMessage.Define<int, TimeSpan, string>(LogLevel.Warning, new EventId(4321, "Retry"), "Retrying a call (attempt {Attempt}) in {Delay}: {Reason}");

    private static readonly Action<ILogger, string, TimeSpan, Exception?> Failed =
        LoggerMessage.Define<string, TimeSpan>(LogLevel.Error, new EventId(7030), "Destination {Destination}: the export failed; trying again in {Delay}");

    [Fact]
    public void Write_ShortCategory_NoEventId_DelayForAPerson()
    {
        var lines = Log("Highwater.Engine.Execution.PlanExecutor", stackTraces: false, logger => Retry(logger, 2, TimeSpan.FromTicks(5_960_111), "HTTP 503", null));

        Assert.Equal(["2026-12-06 09:59:01Z warn  PlanExecutor: Retrying a call (attempt 2) in 596 ms: HTTP 503"], lines);
    }

    [Fact]
    public void Write_Exception_MessageOnly_UnlessStackTracesAreAsked()
    {
        var failure = Throw();
        var plain = Log("Highwater.Cli.Commands.Run.DestinationExportService", stackTraces: false, logger => Failed(logger, "marketo", TimeSpan.FromSeconds(65), failure));
        var verbose = Log("Highwater.Cli.Commands.Run.DestinationExportService", stackTraces: true, logger => Failed(logger, "marketo", TimeSpan.FromSeconds(65), failure));

        Assert.Equal(["2026-12-06 09:59:01Z error DestinationExportService: Destination marketo: the export failed; trying again in 1m 05s (InvalidOperationException: boom)"], plain);
        Assert.Equal("2026-12-06 09:59:01Z error DestinationExportService: Destination marketo: the export failed; trying again in 1m 05s", verbose[0]);
        Assert.Contains(verbose, line => line.Contains("at Highwater.Cli.Tests.Logging.HighwaterLogFormatterTests.Throw", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Highwater.Engine.Running.HighwaterEngine", "HighwaterEngine")]
    [InlineData("System.Net.Http.HttpClient.marketo.LogicalHandler", "LogicalHandler")]
    [InlineData("Program", "Program")]
    public void ShortCategory_IsTheLastName(string category, string expected) =>
        Assert.Equal(expected, HighwaterLogFormatter.ShortCategory(category));

    private static Exception Throw()
    {
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException exception)
        {
            return exception;
        }
    }

    private static string[] Log(string category, bool stackTraces, Action<ILogger> log)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 59, 1, TimeSpan.Zero));
        var formatter = new HighwaterLogFormatter(Options.Create(new HighwaterLogFormatterOptions { StackTraces = stackTraces, Time = time }));
        using var writer = new StringWriter();
        log(new FormattingLogger(formatter, category, writer));
        return writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>A logger that hands each entry to the formatter, as the console logger does.</summary>
    private sealed class FormattingLogger(HighwaterLogFormatter formatter, string category, TextWriter writer) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> format) =>
            formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, format), null, writer);
    }
}
