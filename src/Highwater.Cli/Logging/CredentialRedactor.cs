using System.Text.RegularExpressions;

namespace Highwater.Cli.Logging;

/// <summary>
/// Blanks the values of credentials in a line of text: query and form parameters and connection
/// string settings (<c>client_secret=…</c>, <c>Password=…</c>), JSON properties
/// (<c>"access_token":"…"</c>) and authorization schemes (<c>Bearer …</c>). Every log line and
/// error message the CLI prints passes through it, whoever wrote it (the engine, ASP.NET Core in a
/// simulator, an exception from a driver).
/// </summary>
internal static partial class CredentialRedactor
{
    /// <summary>What a credential's value becomes.</summary>
    public const string Mask = "***";

    /// <summary><paramref name="text"/> with every credential value replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        var redacted = Parameter().Replace(text, match => match.Groups["name"].Value + match.Groups["sep"].Value + Mask);
        redacted = JsonProperty().Replace(redacted, match => match.Groups["head"].Value + Mask + "\"");
        return Scheme().Replace(redacted, match => match.Groups["scheme"].Value + " " + Mask);
    }

    // The names a service, a driver or our own configuration gives a credential.
    private const string Names = "client_secret|clientsecret|client_id|clientid|password|passwd|pwd|access_token|refresh_token|id_token|accesstoken|token|api_key|apikey|x-api-key|secret|assertion";

    /// <summary><c>name=value</c> in a query, a form, a connection string or prose, up to the next separator.</summary>
    [GeneratedRegex(@"(?<=^|[?&;,\s(""'{])(?<name>" + Names + @")(?<sep>\s*=\s*)(?!\*\*\*)[^&;,\s""'#)}]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();

    /// <summary><c>"name": "value"</c> in JSON.</summary>
    [GeneratedRegex(@"(?<head>""(?:" + Names + @")""\s*:\s*"")(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JsonProperty();

    /// <summary>An Authorization header's value.</summary>
    [GeneratedRegex(@"\b(?<scheme>Bearer|Basic)\s+(?!\*\*\*)[A-Za-z0-9._~+/\\=-]{4,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();
}
