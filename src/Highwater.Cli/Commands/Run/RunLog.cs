using Microsoft.Extensions.Logging;

namespace Highwater.Cli.Commands.Run;

/// <summary>
/// The log messages of <c>highwater run</c>, event ids 7001-7099. Each names the source or
/// destination, counts and reasons, never a secret or a record's data.
/// </summary>
internal static partial class RunLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Running as worker {Worker}: {Sources} source(s), {Destinations} destination(s); metrics: {Metrics}")]
    public static partial void Started(ILogger logger, string worker, int sources, int destinations, string metrics);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Stopping: polls end now; a batch in flight has {Grace} to finish")]
    public static partial void Stopping(ILogger logger, TimeSpan grace);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Error, Message = "Source {Source}: the poll failed ({Failures} in a row); trying again in {Delay}: {Error}")]
    public static partial void PollFailed(ILogger logger, string source, int failures, TimeSpan delay, string error);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Source {Source}: polling again after {Failures} failure(s)")]
    public static partial void PollRecovered(ILogger logger, string source, int failures);

    [LoggerMessage(EventId = 7020, Level = LogLevel.Error, Message = "Refreshing time-dependent groups failed ({Failures} in a row); trying again in {Delay}: {Error}")]
    public static partial void RefreshFailed(ILogger logger, int failures, TimeSpan delay, string error);

    [LoggerMessage(EventId = 7030, Level = LogLevel.Error, Message = "Destination {Destination}: the export failed ({Failures} in a row); trying again in {Delay}: {Error}")]
    public static partial void ExportFailed(ILogger logger, string destination, int failures, TimeSpan delay, string error);

    [LoggerMessage(EventId = 7031, Level = LogLevel.Information, Message = "Destination {Destination}: exporting again after {Failures} failure(s)")]
    public static partial void ExportRecovered(ILogger logger, string destination, int failures);

    [LoggerMessage(EventId = 7032, Level = LogLevel.Debug, Message = "Destination {Destination}: waiting up to {Wait}: {Reason}")]
    public static partial void Waiting(ILogger logger, string destination, TimeSpan wait, string reason);

    [LoggerMessage(EventId = 7034, Level = LogLevel.Information, Message = "{Destination}: {Rows} {Wait}; next batch at {Due} (window {Window})")]
    public static partial void NextBatch(ILogger logger, string destination, string rows, string wait, string due, string window);

    [LoggerMessage(EventId = 7036, Level = LogLevel.Information, Message = "Destination {Destination}: daily quota spent; exports stop and resume at {Resume} ({How}); {Rows} rows wait")]
    public static partial void QuotaSpent(ILogger logger, string destination, string resume, string how, long rows);

    [LoggerMessage(EventId = 7037, Level = LogLevel.Information, Message = "Destination {Destination}: the quota is back; exports resume")]
    public static partial void QuotaBack(ILogger logger, string destination);

    [LoggerMessage(EventId = 7033, Level = LogLevel.Warning, Message = "Destination {Destination}: the batch in flight did not finish within {Grace} of the stop; its unsettled rows went back to the outbox")]
    public static partial void BatchAbandoned(ILogger logger, string destination, TimeSpan grace);

    [LoggerMessage(EventId = 7040, Level = LogLevel.Warning, Message = "Refreshing the gauges of destination {Destination} failed: {Error}")]
    public static partial void GaugesFailed(ILogger logger, string destination, string error);

    [LoggerMessage(EventId = 7090, Level = LogLevel.Debug, Message = "The failure in full")]
    public static partial void FailureDetail(ILogger logger, Exception exception);

    /// <summary>An exception as one line: its message, and its inner exception's when that says more.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException is { } inner && !exception.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{exception.Message} ({inner.Message})"
            : exception.Message;
    }
}
