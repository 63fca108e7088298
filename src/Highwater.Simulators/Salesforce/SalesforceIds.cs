namespace Highwater.Simulators.Salesforce;

/// <summary>
/// Salesforce record ids: a 3-character key prefix (003 Contact, 701 Campaign, 00v CampaignMember),
/// 12 more case-sensitive characters, and a 3-character suffix that encodes which of the first 15
/// are upper case, so that the 18-character form survives case-insensitive comparison.
/// </summary>
internal static class SalesforceIds
{
    public const string ContactPrefix = "003";
    public const string CampaignPrefix = "701";
    public const string MemberPrefix = "00v";
    public const string QueryLocatorPrefix = "01g";

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>The <paramref name="n"/>th id of a key prefix, in its 18-character form.</summary>
    public static string Make(string prefix, long n)
    {
        var digits = new char[9];
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = Base62[(int)(n % 62)];
            n /= 62;
        }

        var id15 = string.Concat(prefix, "8c0", new string(digits));
        return id15 + Suffix(id15);
    }

    /// <summary>
    /// The 18-character form of a 15- or 18-character id, or null when it is not a well-formed id
    /// (wrong length, a character outside [0-9A-Za-z], or an 18-character id whose suffix is wrong).
    /// </summary>
    public static string? Normalize(string? id)
    {
        if (id is null || (id.Length != 15 && id.Length != 18) || !id.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        var id15 = id[..15];
        var suffix = Suffix(id15);
        if (id.Length == 18 && !string.Equals(id[15..], suffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return id15 + suffix;
    }

    private static string Suffix(string id15)
    {
        var suffix = new char[3];
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var flags = 0;
            for (var j = 0; j < 5; j++)
            {
                if (char.IsAsciiLetterUpper(id15[(chunk * 5) + j]))
                {
                    flags |= 1 << j;
                }
            }

            suffix[chunk] = SuffixAlphabet[flags];
        }

        return new string(suffix);
    }
}
