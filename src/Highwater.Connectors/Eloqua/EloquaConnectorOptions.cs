using Highwater.Core.Capabilities;

namespace Highwater.Connectors.Eloqua;

/// <summary>How an <see cref="EloquaConnector"/> reaches and uses one Eloqua instance.</summary>
public sealed class EloquaConnectorOptions
{
    /// <summary>The Bulk API's largest staging POST (32 MB).</summary>
    public const int MaxUploadLimit = 32 * 1024 * 1024;

    /// <summary>The login service, whose <c>GET /id</c> names the instance's pod (<c>https://login.eloqua.com/</c>).</summary>
    public Uri LoginUrl { get; set; } = new("https://login.eloqua.com/");

    /// <summary>The pod's base URL, when known; null (the default) asks the login service once.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The company (site) name: Basic authentication sends <c>Company\Username:Password</c>.</summary>
    public string Company { get; set; } = "";

    /// <summary>The API user's name.</summary>
    public string Username { get; set; } = "";

    /// <summary>The API user's password. Never logged.</summary>
    public string Password { get; set; } = "";

    /// <summary>
    /// Contact fields beyond the standard ones the connector knows (<c>firstName</c>, <c>title</c>, ...):
    /// the destination's field name to the Eloqua internal name (<c>C_Plan1</c>). A field name that is
    /// itself an internal name (<c>C_..</c>) needs no entry.
    /// </summary>
    public IDictionary<string, string> CustomFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How long after a sync is created it is first polled; each later poll waits twice as long, up to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two polls of a sync.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Polls of one sync before the call is given up as unknown (it may still apply, and is retried).</summary>
    public int MaxPolls { get; set; } = 120;

    /// <summary>How long to wait after a 429 that names no Retry-After.</summary>
    public TimeSpan RateLimitBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest staging upload, in UTF-8 bytes: more rows go in several uploads to one sync. The Bulk API takes at most 32 MB a POST (it answers 404 beyond).</summary>
    public int MaxUploadBytes { get; set; } = MaxUploadLimit;

    /// <summary>The prefix of the names of the Bulk API definitions the connector creates.</summary>
    public string DefinitionPrefix { get; set; } = "highwater";

    /// <summary>What the account's API can do; <see cref="EloquaService.Capabilities"/> unless overridden.</summary>
    public ServiceCapabilities Capabilities { get; set; } = EloquaService.Capabilities;

    /// <summary>Checks the options and lists every problem.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!LoginUrl.IsAbsoluteUri)
        {
            problems.Add($"eloqua.loginUrl: must be an absolute URL (was '{LoginUrl}')");
        }

        if (BaseUrl is { IsAbsoluteUri: false })
        {
            problems.Add($"eloqua.baseUrl: must be an absolute URL (was '{BaseUrl}')");
        }

        if (string.IsNullOrWhiteSpace(Company))
        {
            problems.Add("eloqua.company: is required");
        }

        if (string.IsNullOrWhiteSpace(Username))
        {
            problems.Add("eloqua.username: is required");
        }

        if (string.IsNullOrEmpty(Password))
        {
            problems.Add("eloqua.password: is required");
        }

        if (PollInterval <= TimeSpan.Zero || MaxPollInterval < PollInterval)
        {
            problems.Add($"eloqua.pollInterval: must be positive and at most maxPollInterval (was {PollInterval}, max {MaxPollInterval})");
        }

        if (MaxPolls < 1)
        {
            problems.Add($"eloqua.maxPolls: must be at least 1 (was {MaxPolls})");
        }

        if (RateLimitBackoff <= TimeSpan.Zero)
        {
            problems.Add($"eloqua.rateLimitBackoff: must be positive (was {RateLimitBackoff})");
        }

        if (MaxUploadBytes is < 1024 or > MaxUploadLimit)
        {
            problems.Add($"eloqua.maxUploadBytes: must be 1024..{MaxUploadLimit} (was {MaxUploadBytes})");
        }

        problems.AddRange(Capabilities.Validate());
        return problems;
    }
}
