using Highwater.Core.Capabilities;

namespace Highwater.Connectors.HubSpot;

/// <summary>How a <see cref="HubSpotConnector"/> reaches and uses one HubSpot account.</summary>
public sealed class HubSpotConnectorOptions
{
    /// <summary>The API's base URL (<c>https://api.hubapi.com/</c>).</summary>
    public Uri BaseAddress { get; set; } = new("https://api.hubapi.com/");

    /// <summary>The private app's access token, sent as <c>Authorization: Bearer</c>. Never logged.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>The account's product tier (<see cref="HubSpotService.Tiers"/>): what the 10-second and daily limits are.</summary>
    public string Tier { get; set; } = HubSpotService.DefaultTier;

    /// <summary>Inputs per batch call, 1..100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long to wait after a 429 that names no policy the connector knows and no Retry-After.</summary>
    public TimeSpan RateLimitBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks the options and lists every problem, each <c>hubspot.SETTING: message</c>.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!BaseAddress.IsAbsoluteUri || BaseAddress.Scheme is not ("http" or "https"))
        {
            problems.Add($"hubspot.baseAddress: must be an absolute http or https URL (was '{BaseAddress}')");
        }

        if (string.IsNullOrWhiteSpace(AccessToken))
        {
            problems.Add("hubspot.token: is required (a private app's access token)");
        }

        if (!HubSpotService.Tiers.ContainsKey(Tier))
        {
            problems.Add($"hubspot.tier: must be one of {string.Join(", ", HubSpotService.Tiers.Keys)} (was '{Tier}')");
        }

        if (BatchSize is < 1 or > 100)
        {
            problems.Add($"hubspot.batchSize: must be 1..100 (was {BatchSize})");
        }

        if (RateLimitBackoff <= TimeSpan.Zero)
        {
            problems.Add($"hubspot.rateLimitBackoff: must be positive (was {RateLimitBackoff})");
        }

        return problems;
    }

    /// <summary>HubSpot's capabilities with every batch at most <see cref="BatchSize"/>.</summary>
    internal ServiceCapabilities Capabilities()
    {
        var known = HubSpotService.Capabilities;
        return BatchSize >= 100 ? known : known with
        {
            Lookup = known.Lookup!.Value with { MaxKeys = BatchSize },
            Delete = known.Delete!.Value with { MaxBatch = BatchSize },
            Update = known.Update!.Value with { MaxBatch = BatchSize },
            Create = known.Create!.Value with { MaxBatch = BatchSize },
            Upsert = known.Upsert!.Value with { MaxBatch = BatchSize },
        };
    }
}
