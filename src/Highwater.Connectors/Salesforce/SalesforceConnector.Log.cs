using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Salesforce;

// Event ids 5100-5199 belong to the Salesforce connector (5101 in SalesforceSessions; the transport logs refreshes and limits, 5901-5903).
public sealed partial class SalesforceConnector
{
    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Salesforce campaign '{Name}' created as {Id}")]
    private partial void LogCampaignCreated(string name, string id);
}
