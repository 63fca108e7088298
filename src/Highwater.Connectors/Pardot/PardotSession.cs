namespace Highwater.Connectors.Pardot;

/// <summary>A Salesforce session for the Pardot API, and when to renew it.</summary>
internal sealed record PardotSession(string AccessToken, DateTimeOffset RenewAt);
