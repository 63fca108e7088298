namespace Highwater.Connectors.Salesforce;

/// <summary>An OAuth session: the bearer token, where to send requests, and when to renew it.</summary>
/// <param name="AccessToken">The bearer token. Never logged.</param>
/// <param name="InstanceUrl">The org's REST base.</param>
/// <param name="RenewAt">When the connector takes a new one before using it again.</param>
internal sealed record SalesforceSession(string AccessToken, Uri InstanceUrl, DateTimeOffset RenewAt)
{
    /// <summary>Keeps the token out of logs and exception messages.</summary>
    public override string ToString() => $"SalesforceSession {{ InstanceUrl = {InstanceUrl}, RenewAt = {RenewAt:O} }}";
}
