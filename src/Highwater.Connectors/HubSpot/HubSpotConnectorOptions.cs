using Highwater.Core.Capabilities;

namespace Highwater.Connectors.HubSpot;

/// <summary>How a <see cref="HubSpotConnector"/> reaches and uses one HubSpot account.</summary>
public sealed class HubSpotConnectorOptions
{
    /// <summary>The API's base URL (<c>https://api.hubapi.com/</c>).</summary>
    public Uri BaseAddress { get; set; } = new("https://api.hubapi.com/");

    /// <summary>The private app's access token, sent as <c>Authorization: Bearer</c>; empty when the app authenticates by OAuth. Never logged.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>The OAuth app's client id, with <see cref="ClientSecret"/> and <see cref="RefreshToken"/> instead of <see cref="AccessToken"/>.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The OAuth app's client secret. Never logged.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The refresh token the account's installation of the app was given, exchanged for access tokens. Never logged.</summary>
    public string RefreshToken { get; set; } = "";

    /// <summary>How long before an OAuth access token runs out a new one is taken (at most half its lifetime).</summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether the connector authenticates by OAuth (a client id, secret or refresh token is given) rather than a private app's token.</summary>
    public bool UsesOAuth => !string.IsNullOrWhiteSpace(ClientId) || !string.IsNullOrWhiteSpace(ClientSecret) || !string.IsNullOrWhiteSpace(RefreshToken);

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

        problems.AddRange(CredentialProblems());

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

        if (RefreshMargin < TimeSpan.Zero)
        {
            problems.Add($"hubspot.refreshMargin: must not be negative (was {RefreshMargin})");
        }

        return problems;
    }

    /// <summary>Either a private app's token or the three OAuth keys, never both, each problem at the key it is about.</summary>
    private IEnumerable<string> CredentialProblems()
    {
        var token = !string.IsNullOrWhiteSpace(AccessToken);
        if (!UsesOAuth)
        {
            if (!token)
            {
                yield return "hubspot.token: a private app's token is required, or instead an OAuth app's clientId, clientSecret and refreshToken";
            }

            yield break;
        }

        if (token)
        {
            yield return "hubspot.token: give either a private app's token or the OAuth clientId, clientSecret and refreshToken, not both";
            yield break;
        }

        foreach (var (key, value) in new[] { ("clientId", ClientId), ("clientSecret", ClientSecret), ("refreshToken", RefreshToken) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"hubspot.{key}: {key} is required for OAuth, which takes clientId, clientSecret and refreshToken (or give a private app's token instead)";
            }
        }
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
