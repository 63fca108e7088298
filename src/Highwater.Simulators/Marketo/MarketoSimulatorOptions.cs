namespace Highwater.Simulators.Marketo;

/// <summary>
/// How a <see cref="MarketoSimulator"/> behaves. Every limit defaults to the real service's
/// (Adobe's Marketo REST documentation: error-codes, leads, list-membership, authentication,
/// integration best practices) and can be lowered or raised for a test.
/// </summary>
public sealed class MarketoSimulatorOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The clock for token expiry, the rate window and the daily quota.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where to log requests (the CLI gives its own, which redacts credentials); null logs nothing.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? Logging { get; set; }

    /// <summary>Seed of the random faults, so that a run can be repeated.</summary>
    public int RandomSeed { get; set; } = 1;

    /// <summary>The client id the identity endpoint accepts.</summary>
    public string ClientId { get; set; } = "sim-client";

    /// <summary>The client secret the identity endpoint accepts.</summary>
    public string ClientSecret { get; set; } = "sim-secret";

    /// <summary>The owning user the identity endpoint names as <c>scope</c>.</summary>
    public string Scope { get; set; } = "api-user@highwater.test";

    /// <summary>How long a new access token lives (3600 s).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>Calls allowed in the rolling <see cref="RateWindow"/> (100).</summary>
    public int RateLimit { get; set; } = 100;

    /// <summary>The rolling rate window (20 s).</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Requests in flight at once (10); one more is answered 615.</summary>
    public int MaxConcurrent { get; set; } = 10;

    /// <summary>Calls per day (50,000 by default; 10,000 at least on real subscriptions).</summary>
    public long DailyQuota { get; set; } = 50_000;

    /// <summary>The zone whose midnight resets the daily quota (America/Chicago).</summary>
    public string QuotaTimeZone { get; set; } = "America/Chicago";

    /// <summary>Records or ids one call may carry (300).</summary>
    public int MaxBatch { get; set; } = 300;

    /// <summary>Leads a filter lookup may match before it fails with 1003 (1,000).</summary>
    public int MaxFilterMatches { get; set; } = 1000;

    /// <summary>Longest request target (path and query) before HTTP 414 (8 KB).</summary>
    public int MaxUriLength { get; set; } = 8 * 1024;

    /// <summary>Largest request body before HTTP 413 (1 MB).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The lead fields the REST API knows, by REST name, with their maximum length. A field not
    /// here is answered 1006, a longer value 1003. <c>email</c> is also checked for its form.
    /// </summary>
    public IDictionary<string, int> Fields { get; set; } = DefaultFields();

    /// <summary>The standard lead fields this simulator knows by default (Marketo string fields are 255 long).</summary>
    public static Dictionary<string, int> DefaultFields() => new(StringComparer.Ordinal)
    {
        ["email"] = 255,
        ["firstName"] = 255,
        ["middleName"] = 255,
        ["lastName"] = 255,
        ["salutation"] = 255,
        ["company"] = 255,
        ["title"] = 255,
        ["department"] = 255,
        ["phone"] = 255,
        ["mobilePhone"] = 255,
        ["fax"] = 255,
        ["address"] = 255,
        ["city"] = 255,
        ["state"] = 255,
        ["postalCode"] = 255,
        ["country"] = 255,
        ["website"] = 255,
        ["industry"] = 255,
        ["leadSource"] = 255,
        ["leadStatus"] = 255,
        ["leadScore"] = 10,
        ["unsubscribed"] = 5,
    };
}
