using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Salesforce;

// Event ids 5100-5199 belong to the Salesforce connector.
public sealed partial class SalesforceConnector
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Salesforce session obtained for {Instance}; renewing it at {RenewAt:O}")]
    private partial void LogSessionObtained(Uri instance, DateTimeOffset renewAt);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Salesforce answered INVALID_SESSION_ID to a {Kind} request; taking a new session and sending it again")]
    private partial void LogSessionExpired(string kind);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Salesforce refused a {Kind} request: REQUEST_LIMIT_EXCEEDED ({Message})")]
    private partial void LogLimitExceeded(string kind, string message);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Salesforce campaign '{Name}' created as {Id}")]
    private partial void LogCampaignCreated(string name, string id);
}
