namespace Highwater.Connectors.Pardot;

/// <summary>One Pardot (Account Engagement) business unit as the connector talks to it.</summary>
public sealed class PardotConnectorOptions
{
    /// <summary>The Salesforce login (OAuth token endpoint) host: <c>https://login.salesforce.com/</c>, <c>https://test.salesforce.com/</c> or My Domain.</summary>
    public Uri LoginUrl { get; set; } = new("https://login.salesforce.com/");

    /// <summary>The Pardot API host: <c>https://pi.pardot.com/</c> (<c>https://pi.demo.pardot.com/</c> for developer and sandbox orgs).</summary>
    public Uri ApiBaseAddress { get; set; } = new("https://pi.pardot.com/");

    /// <summary>The connected app's consumer key (client-credentials flow; the app needs the <c>pardot_api</c> scope).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The connected app's consumer secret. Never logged.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The business unit, sent as <c>Pardot-Business-Unit-Id</c> (18 characters, starting <c>0Uv</c>).</summary>
    public string BusinessUnitId { get; set; } = "";

    /// <summary>Prospects per batch call, at most Pardot's 50.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// The Salesforce session's lifetime. The token answer does not say it, so the session is renewed
    /// this long after it was issued, less <see cref="RefreshMargin"/>; one that ends sooner is caught
    /// by code 184 and renewed then.
    /// </summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long before <see cref="SessionLifetime"/> runs out a new session is taken.</summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The campaign prospects created by an import join (the Import API wants a <c>campaignId</c>
    /// column to create). Null turns the bulk path off: every batch goes by lookups and batchUpsert.
    /// </summary>
    public long? ImportCampaignId { get; set; }

    /// <summary>The largest <see cref="ImportLatencyCalls"/>: a day's quota on the largest edition.</summary>
    public const int MaxImportLatencyCalls = 100_000;

    /// <summary>The default of <see cref="ImportLatencyCalls"/>.</summary>
    public const int DefaultImportLatencyCalls = 20;

    /// <summary>
    /// What an import job's wait is worth in API calls while the day's quota is untouched: a batch
    /// goes as a job when the job saves at least this many calls times the share of the day's quota
    /// left, else by lookups and batchUpsert (seconds instead of a minute or more). 20 by default,
    /// about what a minute of a 25,000-call day buys; 0 takes the job whenever it costs fewer calls.
    /// </summary>
    public int ImportLatencyCalls { get; set; } = DefaultImportLatencyCalls;

    /// <summary>How long to wait between two reads of a running import. Salesforce asks for "a few minutes"; every read is an API call.</summary>
    public TimeSpan ImportPollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Reads of one import before the connector gives up on it (the import still runs).</summary>
    public int ImportMaxPolls { get; set; } = 120;

    /// <summary>Largest CSV batch sent; Pardot takes 10 MB.</summary>
    public int ImportBatchBytes { get; set; } = 9_500_000;

    /// <summary>Custom prospect fields by their v4 name: their Import API (v5) column adds <c>__c</c>.</summary>
    public ISet<string> CustomFields { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Checks the options and returns every problem found, each naming its property.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!LoginUrl.IsAbsoluteUri)
        {
            problems.Add($"pardot.loginUrl: must be an absolute URL (was '{LoginUrl}')");
        }

        if (!ApiBaseAddress.IsAbsoluteUri)
        {
            problems.Add($"pardot.apiBaseAddress: must be an absolute URL (was '{ApiBaseAddress}')");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add("pardot.clientId: must be set");
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            problems.Add("pardot.clientSecret: must be set");
        }

        if (string.IsNullOrWhiteSpace(BusinessUnitId))
        {
            problems.Add("pardot.businessUnitId: must be set (18 characters, starting 0Uv)");
        }

        if (BatchSize is < 1 or > 50)
        {
            problems.Add($"pardot.batchSize: must be 1..50 (was {BatchSize})");
        }

        if (SessionLifetime <= RefreshMargin)
        {
            problems.Add($"pardot.sessionLifetime: must be longer than refreshMargin ({RefreshMargin}) (was {SessionLifetime})");
        }

        if (ImportCampaignId is < 1)
        {
            problems.Add($"pardot.importCampaignId: must be a campaign id (was {ImportCampaignId})");
        }

        if (ImportLatencyCalls is < 0 or > MaxImportLatencyCalls)
        {
            problems.Add($"pardot.importLatencyCalls: must be 0..{MaxImportLatencyCalls} (was {ImportLatencyCalls})");
        }

        if (ImportPollInterval <= TimeSpan.Zero)
        {
            problems.Add($"pardot.importPollInterval: must be positive (was {ImportPollInterval})");
        }

        if (ImportMaxPolls < 1)
        {
            problems.Add($"pardot.importMaxPolls: must be at least 1 (was {ImportMaxPolls})");
        }

        if (ImportBatchBytes is < 1024 or > 10 * 1024 * 1024)
        {
            problems.Add($"pardot.importBatchBytes: must be 1024..10485760 (was {ImportBatchBytes})");
        }

        return problems;
    }

    /// <summary>A copy, so later changes to this instance do not reach a running connector.</summary>
    internal PardotConnectorOptions Copy()
    {
        var copy = (PardotConnectorOptions)MemberwiseClone();
        copy.CustomFields = new HashSet<string>(CustomFields, StringComparer.Ordinal);
        return copy;
    }
}
