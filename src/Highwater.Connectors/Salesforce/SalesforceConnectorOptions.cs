using Highwater.Core.Capabilities;

namespace Highwater.Connectors.Salesforce;

/// <summary>How a <see cref="SalesforceConnector"/> reaches and uses one Salesforce org.</summary>
public sealed class SalesforceConnectorOptions
{
    /// <summary>Where the OAuth token endpoint is: <c>https://login.salesforce.com/</c>, <c>https://test.salesforce.com/</c> or the org's My Domain.</summary>
    public Uri LoginUrl { get; set; } = new("https://login.salesforce.com/");

    /// <summary>
    /// Overrides the <c>instance_url</c> the token answers, where REST requests go; null (the
    /// default) uses the token's.
    /// </summary>
    public Uri? InstanceUrl { get; set; }

    /// <summary>The connected app's consumer key (client-credentials flow).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The connected app's consumer secret. Never logged.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The REST API version, e.g. <c>62.0</c>.</summary>
    public string ApiVersion { get; set; } = "62.0";

    /// <summary>The Contact field that holds the foreign key.</summary>
    public string ForeignKeyField { get; set; } = "Email";

    /// <summary>
    /// The org's session timeout. The token answer does not say when the session ends, so the
    /// connector renews it this long after it was issued, less <see cref="RefreshMargin"/>; a
    /// session that ends sooner is caught by INVALID_SESSION_ID and renewed then.
    /// </summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long before <see cref="SessionLifetime"/> runs out a new session is taken.</summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest query URI the connector sends, in bytes. Salesforce takes 16,384 bytes of URI
    /// and headers together; a lookup whose keys would not fit goes in several requests.
    /// </summary>
    public int MaxQueryUriBytes { get; set; } = 15_000;

    /// <summary>What the account's API can do; <see cref="SalesforceService.Capabilities"/> unless overridden.</summary>
    public ServiceCapabilities Capabilities { get; set; } = SalesforceService.Capabilities;

    /// <summary>Checks the options and lists every problem.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!LoginUrl.IsAbsoluteUri)
        {
            problems.Add($"salesforce.loginUrl: must be an absolute URL (was '{LoginUrl}')");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add("salesforce.clientId: is required");
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            problems.Add("salesforce.clientSecret: is required");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(ApiVersion, @"^\d{2}\.\d$"))
        {
            problems.Add($"salesforce.apiVersion: must look like 62.0 (was '{ApiVersion}')");
        }

        if (string.IsNullOrWhiteSpace(ForeignKeyField))
        {
            problems.Add("salesforce.foreignKeyField: is required");
        }

        if (SessionLifetime <= RefreshMargin)
        {
            problems.Add($"salesforce.sessionLifetime: must be longer than refreshMargin ({RefreshMargin}) (was {SessionLifetime})");
        }

        if (MaxQueryUriBytes < 1000)
        {
            problems.Add($"salesforce.maxQueryUriBytes: must be at least 1000 (was {MaxQueryUriBytes})");
        }

        problems.AddRange(Capabilities.Validate());
        return problems;
    }
}
