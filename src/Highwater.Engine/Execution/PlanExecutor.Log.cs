using Highwater.Core.Connectors;
using Microsoft.Extensions.Logging;

namespace Highwater.Engine.Execution;

public sealed partial class PlanExecutor
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Retrying a call (attempt {Attempt}) in {Delay}: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, TimeSpan delay, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limited ({Times} times for this call); it goes again when the governor allows: {Reason}")]
    private static partial void LogRateLimited(ILogger logger, int times, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Kind} call for {Records} records failed ({Failure}): {Reason}")]
    private static partial void LogCallFailed(ILogger logger, string kind, int records, ServiceCallFailure failure, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profile {ProfileKey} rejected by the {Kind} call: {Code} {Reason}")]
    private static partial void LogRejected(ILogger logger, string profileKey, string kind, string? code, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "A lost create answer resolved by lookup: profile {ProfileKey} exists as {RemoteId}")]
    private static partial void LogLostCreateResolved(ILogger logger, string profileKey, string remoteId);
}
