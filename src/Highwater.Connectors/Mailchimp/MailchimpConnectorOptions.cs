using System.Text.RegularExpressions;
using Highwater.Core.Capabilities;

namespace Highwater.Connectors.Mailchimp;

/// <summary>How a <see cref="MailchimpConnector"/> reaches and uses one Mailchimp audience.</summary>
public sealed partial class MailchimpConnectorOptions
{
    /// <summary>The values <see cref="DeleteMode"/> takes.</summary>
    public static IReadOnlyList<string> DeleteModes { get; } = ["archive", "delete-permanent"];

    /// <summary>The values <see cref="StatusIfNew"/> takes.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["subscribed", "pending", "unsubscribed", "transactional"];

    /// <summary>The values <see cref="MembershipStyle"/> takes.</summary>
    public static IReadOnlyList<string> MembershipStyles { get; } = ["auto", "tags", "segments"];

    /// <summary>The data centre's host (<c>https://us21.api.mailchimp.com/</c>); <c>3.0/</c> is added unless the path ends with it.</summary>
    public Uri BaseAddress { get; set; } = new("https://us1.api.mailchimp.com/");

    /// <summary>The API key (<c>xxxx-us21</c>), sent as the password of HTTP Basic auth. Never logged or echoed.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The audience (list) id.</summary>
    public string ListId { get; set; } = "";

    /// <summary><c>archive</c> (default: the member can come back, its history kept) or <c>delete-permanent</c> (GDPR erasure: the address can never be re-imported by the API).</summary>
    public string DeleteMode { get; set; } = "archive";

    /// <summary>The status a member gets when the write creates it: subscribed (default), pending (Mailchimp sends a confirmation e-mail), unsubscribed or transactional.</summary>
    public string StatusIfNew { get; set; } = "subscribed";

    /// <summary><c>auto</c>: each tag's changes go by whichever of a member's tags or the tag's static segment costs fewer requests; <c>tags</c> or <c>segments</c> forces one.</summary>
    public string MembershipStyle { get; set; } = "auto";

    /// <summary>Members per call, 1..500.</summary>
    public int BatchSize { get; set; } = MailchimpService.MembersPerRequest;

    /// <summary>How long to wait between polls of a Batch Operation.</summary>
    public TimeSpan BatchPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a Batch Operation may take before its records are left to a later try.</summary>
    public TimeSpan BatchTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Mailchimp's own request time-out: an answer not in by then is lost.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The API's root, <c>{BaseAddress}3.0/</c>.</summary>
    public Uri ApiRoot
    {
        get
        {
            var text = BaseAddress.ToString();
            text = text.EndsWith('/') ? text : text + "/";
            return new Uri(text.EndsWith("/3.0/", StringComparison.Ordinal) ? text : text + "3.0/");
        }
    }

    /// <summary>The data centre a key names after its last dash (<c>us21</c>), or null when it names none.</summary>
    public static string? DataCentreOf(string key)
    {
        var match = KeyShape().Match(key);
        return match.Success ? match.Groups["dc"].Value : null;
    }

    /// <summary>Checks the options and lists every problem, each <c>mailchimp.SETTING: message</c>; the key is never repeated.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!BaseAddress.IsAbsoluteUri || BaseAddress.Scheme is not ("http" or "https"))
        {
            problems.Add($"mailchimp.baseAddress: must be an absolute http or https URL (was '{BaseAddress}')");
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            problems.Add("mailchimp.apiKey: is required (an API key with its data centre, like xxxx-us21)");
        }
        else if (!ApiKey.StartsWith("${", StringComparison.Ordinal))
        {
            // A reference (${MAILCHIMP_API_KEY}) is checked once resolved, when the connector is built.
            CheckKey(problems);
        }

        if (string.IsNullOrWhiteSpace(ListId) || ListId.Contains(',', StringComparison.Ordinal))
        {
            problems.Add($"mailchimp.listId: must name one audience (its list id, from the audience's settings){(ListId.Length == 0 ? "" : $" (was '{ListId}')")}");
        }
        else if (!ListId.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add($"mailchimp.listId: must be letters and digits, as Mailchimp shows an audience's id (was '{ListId}')");
        }

        Among(problems, "deleteMode", DeleteMode, DeleteModes);
        Among(problems, "statusIfNew", StatusIfNew, Statuses);
        Among(problems, "membershipStyle", MembershipStyle, MembershipStyles);
        if (BatchSize is < 1 or > MailchimpService.MembersPerRequest)
        {
            problems.Add($"mailchimp.batchSize: must be 1..500 (was {BatchSize})");
        }

        if (BatchPollInterval <= TimeSpan.Zero || BatchTimeout <= TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("mailchimp.batchPollInterval: the poll interval and the time-outs must be positive");
        }

        return problems;
    }

    /// <summary>Mailchimp's capabilities with every batch at most <see cref="BatchSize"/>.</summary>
    internal ServiceCapabilities Capabilities()
    {
        var known = MailchimpService.Capabilities;
        return BatchSize >= MailchimpService.MembersPerRequest ? known : known with
        {
            Delete = known.Delete!.Value with { MaxBatch = BatchSize },
            Update = known.Update!.Value with { MaxBatch = BatchSize },
            Upsert = known.Upsert!.Value with { MaxBatch = BatchSize },
            Membership = known.Membership with { MaxBatch = BatchSize },
        };
    }

    /// <summary>
    /// Against Mailchimp itself (<c>*.api.mailchimp.com</c>) the key's data centre is the host, and
    /// another answers 401: the key must name one, and the same. Another host (the simulator, a proxy)
    /// takes the key as it is.
    /// </summary>
    private void CheckKey(List<string> problems)
    {
        var host = BaseAddress.IsAbsoluteUri ? BaseAddress.Host : "";
        if (!host.EndsWith(".api.mailchimp.com", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (DataCentreOf(ApiKey) is not { } dc)
        {
            problems.Add("mailchimp.apiKey: must end with its data centre after a dash, as Mailchimp shows the key (like xxxx-us21); the key given has none");
            return;
        }

        if (!host.StartsWith(dc + ".", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"mailchimp.apiKey: the key belongs to data centre {dc}, but baseUrl is {host}; use https://{dc}.api.mailchimp.com/");
        }
    }

    private static void Among(List<string> problems, string name, string value, IReadOnlyList<string> known)
    {
        if (!known.Contains(value, StringComparer.Ordinal))
        {
            problems.Add($"mailchimp.{name}: must be one of {string.Join(", ", known)} (was '{value}')");
        }
    }

    [GeneratedRegex("^[0-9A-Za-z]+-(?<dc>[a-z]{2}[0-9]{1,3})$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShape();
}
