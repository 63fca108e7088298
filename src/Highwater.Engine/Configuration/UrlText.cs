using System.Text.RegularExpressions;

namespace Highwater.Engine.Configuration;

/// <summary>URLs as messages may print them: never with the user or password a URL can carry.</summary>
public static partial class UrlText
{
    /// <summary>
    /// <paramref name="text"/> with the user info of every URL in it replaced by <c>***</c>
    /// (<c>https://***@host/</c>); text without a URL comes back as it was.
    /// </summary>
    public static string WithoutUserInfo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return UserInfo().Replace(text, "${scheme}***@");
    }

    // scheme://anything-but-slash-or-space up to the last @ before the host.
    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)[^/\s?#]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
