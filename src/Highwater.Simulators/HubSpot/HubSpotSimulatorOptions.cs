namespace Highwater.Simulators.HubSpot;

/// <summary>
/// How a <see cref="HubSpotSimulator"/> behaves. Limits default to the real service's for the
/// <see cref="Tier"/> (HubSpot's API usage guidelines): requests per app in any rolling 10 seconds,
/// requests a day from midnight in the account's time zone, and CRM search's requests per second.
/// </summary>
public sealed class HubSpotSimulatorOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The clock for the limits and slow answers.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where to log requests (the CLI gives its own, which redacts credentials); null logs nothing.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? Logging { get; set; }

    /// <summary>Seed of the random faults, so that a run can be repeated.</summary>
    public int RandomSeed { get; set; } = 1;

    /// <summary>The private app's access token the simulator accepts as <c>Authorization: Bearer</c>.</summary>
    public string AccessToken { get; set; } = "pat-na1-sim-token";

    /// <summary>The OAuth app's client id <c>POST /oauth/v1/token</c> accepts.</summary>
    public string ClientId { get; set; } = "5f1d2c3b-sim0-4a1b-9c8d-hubspot00001";

    /// <summary>The OAuth app's client secret.</summary>
    public string ClientSecret { get; set; } = "sim-hubspot-client-secret";

    /// <summary>The refresh token the account's installation of the app holds; HubSpot hands the same one back on every refresh.</summary>
    public string RefreshToken { get; set; } = "na1-sim0-refresh-token";

    /// <summary>How long an OAuth access token lasts (HubSpot: 1,800 seconds).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The account's tier: free, starter (100 per 10 s, 250,000 a day), professional (190, 625,000), enterprise (190, 1,000,000) or capacity (250, 1,000,000).</summary>
    public string Tier { get; set; } = "starter";

    /// <summary>Requests per rolling 10 seconds; null for the tier's.</summary>
    public int? TenSecondLimit { get; set; }

    /// <summary>Requests per day; null for the tier's.</summary>
    public long? DailyLimit { get; set; }

    /// <summary>The account's time zone, whose midnight resets the daily limit (IANA).</summary>
    public string TimeZone { get; set; } = "America/New_York";

    /// <summary>CRM search requests per second (5).</summary>
    public int SearchPerSecond { get; set; } = 5;

    /// <summary>Inputs one batch request may carry (100).</summary>
    public int MaxBatch { get; set; } = 100;

    /// <summary>
    /// The contact properties the account has, beyond the read-only ones HubSpot keeps itself
    /// (<c>hs_object_id</c>, <c>createdate</c>, <c>lastmodifieddate</c>).
    /// </summary>
    public IList<string> Properties { get; } =
    [
        "email", "firstname", "lastname", "jobtitle", "company", "phone", "mobilephone", "website",
        "address", "city", "state", "zip", "country", "lifecyclestage", "industry",
    ];

    /// <summary>The (10-second, daily) limits in force: the tier's unless overridden.</summary>
    internal (int TenSeconds, long Daily) Limits()
    {
        var (ten, daily) = Tier.ToUpperInvariant() switch
        {
            "FREE" or "STARTER" => (100, 250_000L),
            "PROFESSIONAL" => (190, 625_000L),
            "ENTERPRISE" => (190, 1_000_000L),
            "CAPACITY" => (250, 1_000_000L),
            _ => throw new ArgumentException($"unknown HubSpot tier '{Tier}'; known: free, starter, professional, enterprise, capacity"),
        };
        return (TenSecondLimit ?? ten, DailyLimit ?? daily);
    }
}
