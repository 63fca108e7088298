using System.Text;

namespace Highwater.Engine.Samples;

/// <summary>
/// The destination of a sample project for any service: its kind, where it answers, the settings
/// and credentials its connector takes there, and which of its fields the sample's columns fill.
/// </summary>
public sealed record SampleDestination
{
    /// <summary>The kind, which is also the destination's name: <c>salesforce</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The service's base URL.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The destination settings beyond <c>baseUrl</c>, as a file writes them (<c>loginUrl</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The credential keys, each written as a reference to the environment variable <see cref="Variable"/> names.</summary>
    public required IReadOnlyList<string> Credentials { get; init; }

    /// <summary>The service's field names, each with the sample column that fills it (<c>Email: email</c>).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; }

    /// <summary>The environment variable holding a credential: <c>SALESFORCE_CLIENT_ID</c> for <c>clientId</c>.</summary>
    public string Variable(string credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var name = new StringBuilder(Kind.ToUpperInvariant()).Append('_');
        for (var i = 0; i < credential.Length; i++)
        {
            if (char.IsUpper(credential[i]) && i > 0)
            {
                name.Append('_');
            }

            name.Append(char.ToUpperInvariant(credential[i]));
        }

        return name.ToString();
    }
}
