namespace Highwater.Simulators.Salesforce;

/// <summary>How a <see cref="SalesforceSimulator"/> behaves. Every limit defaults to the real service's.</summary>
public sealed class SalesforceSimulatorOptions
{
    /// <summary>The port on 127.0.0.1; 0 (the default) for any free one.</summary>
    public int Port { get; set; }

    /// <summary>The clock for sessions, the rolling 24-hour allocation and slow answers.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The connected app's consumer key the token endpoint accepts.</summary>
    public string ClientId { get; set; } = "highwater-client";

    /// <summary>The connected app's consumer secret the token endpoint accepts.</summary>
    public string ClientSecret { get; set; } = "highwater-secret";

    /// <summary>How long a session lives after it is issued (the org's session timeout; Salesforce's default is 2 hours).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>API requests the org may make in any rolling 24 hours (Enterprise Edition orgs start at 100,000).</summary>
    public long DailyApiRequests { get; set; } = 100_000;

    /// <summary>Records one sObject Collections request may carry (200).</summary>
    public int MaxCollectionRecords { get; set; } = 200;

    /// <summary>Rows a query answers per page before <c>nextRecordsUrl</c> (2,000).</summary>
    public int QueryBatchSize { get; set; } = 2000;

    /// <summary>Longest request URI, and longest URI plus headers, in bytes (16,384): beyond it 414 or 431.</summary>
    public int MaxUriAndHeaderBytes { get; set; } = 16_384;

    /// <summary>The oldest REST API version answered (sObject Collections exist from 42.0).</summary>
    public decimal MinApiVersion { get; set; } = 42.0m;

    /// <summary>Custom Contact fields (API name, e.g. <c>Plan__c</c>, to its length), besides the standard ones.</summary>
    public IDictionary<string, int> CustomContactFields { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The seed of the random faults.</summary>
    public int RandomSeed { get; set; } = 1;

    /// <summary>Where to log requests (the CLI gives its own, which redacts credentials); null logs nothing.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? Logging { get; set; }
}
