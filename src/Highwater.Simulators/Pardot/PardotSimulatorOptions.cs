namespace Highwater.Simulators.Pardot;

/// <summary>
/// How a <see cref="PardotSimulator"/> behaves. The limits default to the real service's
/// (Salesforce's Account Engagement API docs: error codes, prospects v4, Import API; help
/// "API usage"), and can be changed for a test.
/// </summary>
public sealed class PardotSimulatorOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The clock for sessions, the daily quota and the import jobs.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where to log requests (the CLI gives its own, which redacts credentials); null logs nothing.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? Logging { get; set; }

    /// <summary>Seed of the random faults, so that a run can be repeated.</summary>
    public int RandomSeed { get; set; } = 1;

    /// <summary>The connected app's consumer key the Salesforce token endpoint accepts.</summary>
    public string ClientId { get; set; } = "sim-client";

    /// <summary>The connected app's consumer secret.</summary>
    public string ClientSecret { get; set; } = "sim-secret";

    /// <summary>The business unit every request must name in <c>Pardot-Business-Unit-Id</c> (18 characters, <c>0Uv</c>...).</summary>
    public string BusinessUnitId { get; set; } = "0Uv5g000000Sim1CAA";

    /// <summary>How long a Salesforce session lives (the org's timeout; 2 hours by default).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>API calls a day: 25,000 (Growth), 50,000 (Plus), 100,000 (Advanced, Premium). One more is answered code 122.</summary>
    public long DailyQuota { get; set; } = 25_000;

    /// <summary>
    /// The zone whose midnight starts the next "calendar day" of the quota. Salesforce does not
    /// document which zone that is; the account's own zone is the likeliest, and this default is a guess.
    /// </summary>
    public string QuotaTimeZone { get; set; } = "America/New_York";

    /// <summary>Requests in flight at once (5); one more is answered code 66.</summary>
    public int MaxConcurrent { get; set; } = 5;

    /// <summary>
    /// The HTTP status of a code 66 or 122 answer. Salesforce documents the body, not the status;
    /// a v4 error answer is 400 in the recorded traffic, so 400 it is by default.
    /// </summary>
    public int LimitStatus { get; set; } = 400;

    /// <summary>Prospects one batch call may carry (50; code 70 beyond).</summary>
    public int MaxBatch { get; set; } = 50;

    /// <summary>The campaign new prospects join when none is given (the account's oldest; "Website Tracking" in the recording).</summary>
    public long DefaultCampaignId { get; set; } = 8245;

    /// <summary>Custom prospect fields by v4 name (their v5 name adds <c>__c</c>), besides the standard ones.</summary>
    public ISet<string> CustomFields { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>How long a started import waits before it runs.</summary>
    public TimeSpan ImportWaiting { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an import runs before it is complete.</summary>
    public TimeSpan ImportRunning { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Batches one import may hold (10; code 160 beyond).</summary>
    public int MaxImportBatches { get; set; } = 10;

    /// <summary>Largest import batch file (10 MB; HTTP 413 beyond).</summary>
    public int MaxImportBatchBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Import batches the account may upload a day (1,000; code 164 beyond).</summary>
    public int MaxImportBatchesPerDay { get; set; } = 1000;

    /// <summary>Lists one import row may join or leave (20).</summary>
    public int MaxListsPerImportRow { get; set; } = 20;
}
