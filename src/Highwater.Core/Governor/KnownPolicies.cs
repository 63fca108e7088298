namespace Highwater.Core.Governor;

/// <summary>
/// The default quota of each service Highwater knows, from the project's API reference
/// (<c>reference/service-apis.md</c> in the shared folder; line numbers beside each number). Each
/// call returns fresh options, so configuration can override any number before building the
/// <see cref="RatePolicy"/>.
/// </summary>
/// <remarks>
/// Where the reference does not say in which time zone a daily quota resets, the default is a
/// rolling 24-hour window instead of a guessed calendar day: no interval of 24 hours holds more than
/// the limit, so no calendar day of 24 hours does either, in whatever zone the service counts
/// (a 25-hour fall-back day may hold up to an hour's more calls than the limit: the reserve absorbs
/// them). Name the account's zone to get the calendar window and the calls it frees at each reset.
/// </remarks>
public static class KnownPolicies
{
    /// <summary>The services with a default policy.</summary>
    public static IReadOnlyList<string> Services { get; } = ["marketo", "salesforce", "pardot", "eloqua", "hubspot"];

    /// <summary>Marketo: 100 calls per 20 seconds, 10 at once, 50,000 a day from midnight US Central.</summary>
    public static RatePolicyOptions Marketo(string account)
    {
        var options = new RatePolicyOptions
        {
            Account = account,

            // Line 9: "100 calls/20 s; 10 concurrent; shared instance-wide" (breach: 606 and 615, line 26).
            // Line 39 advises ≤50 and ≤5 because other integrations share them; lower these when they do.
            ConcurrencyLimit = 10,
        };
        options.RollingWindows.Add(new RollingWindowOptions { Limit = 100, Length = TimeSpan.FromSeconds(20) });

        // Line 9: "usually 50k/day (min 10k); resets 12:00AM CST" (breach: 607, line 26). We read CST as
        // US Central local time, so the day is 23 or 25 hours on daylight-saving days.
        options.CalendarWindows.Add(new CalendarWindowOptions { Limit = 50_000, TimeZone = "America/Chicago" });
        return options;
    }

    /// <summary>Salesforce: 100,000 calls per rolling 24 hours for the org, 25 long-running calls at once.</summary>
    public static RatePolicyOptions Salesforce(string account)
    {
        // Line 10: "25 concurrent long-running (≥20 s) requests (Dev 5)"; shorter requests are uncapped
        // (line 45), so 25 only bounds us when calls run long.
        var options = new RatePolicyOptions { Account = account, ConcurrencyLimit = 25 };

        // Line 10: "rolling 24 h, org-wide; ~100k + per-licence (Ent 1k, UE 5k); Dev 15k" (breach: 403
        // REQUEST_LIMIT_EXCEEDED, usage in Sforce-Limit-Info, line 45). The org's real allocation
        // arrives with every answer and lowers this limit when smaller.
        options.RollingWindows.Add(new RollingWindowOptions { Limit = 100_000, Length = TimeSpan.FromHours(24) });
        return options;
    }

    /// <summary>
    /// Pardot's daily API calls by edition (line 11: "25k/50k/100k/100k by edition"; help.salesforce.com
    /// pardot_admin_api_using): Growth, Plus, Advanced, Premium.
    /// </summary>
    public static IReadOnlyDictionary<string, long> PardotDailyLimits { get; } =
        new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase)
        {
            ["growth"] = 25_000,
            ["plus"] = 50_000,
            ["advanced"] = 100_000,
            ["premium"] = 100_000,
        };

    /// <summary>Pardot (Account Engagement): 5 calls at once, and the edition's calls a day (Growth's 25,000 by default).</summary>
    /// <param name="account">The business unit.</param>
    /// <param name="timeZone">
    /// The IANA zone whose midnight resets the quota, when known; otherwise a rolling 24-hour window.
    /// Salesforce says the limit resets "the next calendar day" but not in which zone.
    /// </param>
    /// <param name="edition">growth, plus, advanced or premium.</param>
    /// <exception cref="ArgumentException">The edition is not one of those.</exception>
    public static RatePolicyOptions Pardot(string account, string? timeZone = null, string edition = "growth")
    {
        if (!PardotDailyLimits.TryGetValue(edition, out var daily))
        {
            throw new ArgumentException($"unknown Pardot edition '{edition}'; known: {string.Join(", ", PardotDailyLimits.Keys)}", nameof(edition));
        }

        // Line 11 and line 68: "5 concurrent" (breach: code 66).
        var options = new RatePolicyOptions { Account = account, ConcurrencyLimit = 5 };

        // Line 11: "25k/50k/100k/100k by edition; next calendar day (tz ?)" (breach: code 122, line 68).
        Daily(options, daily, timeZone);
        return options;
    }

    /// <summary>
    /// Eloqua: the Bulk API's 2,000 imports an hour (4,000 sync actions, 2,000 exports), and a daily
    /// call limit: the seed's 2,000 unless the account's contract names another.
    /// </summary>
    /// <param name="account">The Eloqua instance (site).</param>
    /// <param name="dailyLimit">Calls a day under the customer's contract.</param>
    /// <param name="timeZone">The IANA zone whose midnight resets the daily limit, when known; otherwise a rolling 24 hours.</param>
    public static RatePolicyOptions Eloqua(string account, long dailyLimit = 2_000, string? timeZone = null)
    {
        var options = new RatePolicyOptions { Account = account };

        // Line 86: "soft 2000 imports/h, 2000 exports/h, 4000 sync actions/h". The governor counts every
        // request, not just syncs, so one hourly window of 2,000 keeps all three below their limits
        // (stricter than needed: a bulk upsert is four requests and one sync). Line 12: REST has "no
        // published number; 429", answered with the Retry-After signal when one comes.
        options.RollingWindows.Add(new RollingWindowOptions { Name = "bulk-hour", Limit = 2_000, Length = TimeSpan.FromHours(1) });

        // Line 12: no daily quota is published; the seed's "you only get 2,000 calls per day" is a
        // contract figure, and the default: configure the account's own.
        Daily(options, dailyLimit, timeZone);
        return options;
    }

    /// <summary>HubSpot: 100 calls per 10 seconds, 250,000 a day from midnight in the account's zone.</summary>
    /// <param name="account">The HubSpot account (portal).</param>
    /// <param name="timeZone">The account's IANA time zone, when known; otherwise a rolling 24-hour window.</param>
    public static RatePolicyOptions HubSpot(string account, string? timeZone = null)
    {
        var options = new RatePolicyOptions { Account = account };

        // Line 13: "100/10 s Free/Starter, 190/10 s Pro/Ent, 250/10 s add-on" (breach: 429 with policyName
        // TEN_SECONDLY_ROLLING, line 102): the smallest tier by default. No concurrency limit is published.
        options.RollingWindows.Add(new RollingWindowOptions { Limit = 100, Length = TimeSpan.FromSeconds(10) });

        // Line 13: "250k/650k/1M; midnight, account tz" (breach: 429 with policyName DAILY, line 102).
        Daily(options, 250_000, timeZone);
        return options;
    }

    /// <summary>The default policy of <paramref name="service"/>.</summary>
    /// <exception cref="ArgumentException">The service has no default policy.</exception>
    public static RatePolicyOptions For(string service, string account, string? timeZone = null) =>
        service.ToUpperInvariant() switch
        {
            "MARKETO" => Marketo(account),
            "SALESFORCE" => Salesforce(account),
            "PARDOT" => Pardot(account, timeZone),
            "ELOQUA" => Eloqua(account, timeZone: timeZone),
            "HUBSPOT" => HubSpot(account, timeZone),
            _ => throw new ArgumentException($"unknown service '{service}'; known: {string.Join(", ", Services)}", nameof(service)),
        };

    private static void Daily(RatePolicyOptions options, long limit, string? timeZone)
    {
        if (timeZone is null)
        {
            options.RollingWindows.Add(new RollingWindowOptions { Limit = limit, Length = TimeSpan.FromHours(24) });
        }
        else
        {
            options.CalendarWindows.Add(new CalendarWindowOptions { Limit = limit, TimeZone = timeZone });
        }
    }
}
