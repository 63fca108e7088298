namespace Highwater.Core.Budget;

/// <summary>A service's default daily call allowance, as the budget uses it.</summary>
/// <param name="CallsPerDay">Calls a day.</param>
/// <param name="Source">Where the number comes from and how the window resets.</param>
public sealed record DailyQuota(int CallsPerDay, string Source)
{
    /// <summary>The defaults of the services Highwater knows.</summary>
    public static readonly IReadOnlyDictionary<string, DailyQuota> Defaults =
        new Dictionary<string, DailyQuota>(StringComparer.OrdinalIgnoreCase)
        {
            // Reference §1: "usually 50k/day (min 10k); resets 12:00AM CST" (Marketo integration best practices).
            ["marketo"] = new(50_000, "50,000 a day, resetting at midnight US Central"),

            // Reference §1: "rolling 24 h, org-wide; ~100k + per-licence" (Salesforce app limits cheatsheet).
            ["salesforce"] = new(100_000, "100,000 per rolling 24 hours (org base, before per-licence additions)"),

            // Reference §1: "25k/50k/100k/100k by edition; next calendar day" (Pardot API usage).
            ["pardot"] = new(25_000, "25,000 a day (Growth edition), resetting the next calendar day"),

            // The seed: "if you are using Eloqua, we can see that you only get 2,000 calls per day".
            ["eloqua"] = new(2_000, "2,000 a day (the seed's contract figure; Eloqua publishes no REST number)"),
        };
}
