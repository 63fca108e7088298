using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Transport;

// Event ids 5900-5999 belong to the shared connector transport.
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 5901, Level = LogLevel.Information, Message = "{Service} refused the credentials on a {Kind} request ({Code}); taking fresh ones and sending it once more")]
    public static partial void CredentialsRefused(ILogger logger, string service, string kind, string? code);

    [LoggerMessage(EventId = 5902, Level = LogLevel.Warning, Message = "{Service} {Kind} request failed: {Failure} ({Code})")]
    public static partial void CallFailed(ILogger logger, string service, string kind, ServiceCallFailure failure, string? code);

    [LoggerMessage(EventId = 5903, Level = LogLevel.Warning, Message = "{Service} refused a {Kind} request for a limit ({Code}): the governor is told {Signal}")]
    public static partial void LimitHit(ILogger logger, string service, string kind, string? code, ServiceSignalKind signal);
}
