using System.Globalization;
using Highwater.Core.Text;

namespace Highwater.Cli.Logging;

/// <summary>
/// ASP.NET Core's request lines as a person reads them: the "Request finished" entry becomes
/// <c>GET /rest/v1/leads.json?filterType=email → 200 in 12 ms</c>, and the "Request starting" entry
/// before it, like the note that no endpoint matched, says nothing the finished one does not (both
/// are dropped). Other entries are left alone.
/// </summary>
internal static class RequestLine
{
    /// <summary>The category ASP.NET Core logs its request lines under.</summary>
    public const string Category = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// For a request entry, its short line (null: drop the entry); false for any other entry.
    /// </summary>
    public static bool TryFormat<TState>(TState state, out string? line)
    {
        line = null;
        if (state is IReadOnlyList<KeyValuePair<string, object?>> unhandled
            && Value(unhandled, "{OriginalFormat}") is string format
            && format.StartsWith("Request reached the end of the middleware pipeline", StringComparison.Ordinal))
        {
            // The finished line says it: → 404.
            return true;
        }

        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values
            || Value(values, "Method") is not string method
            || Value(values, "Path") is not string path
            || Value(values, "Protocol") is null)
        {
            return false;
        }

        if (Value(values, "StatusCode") is not { } status || Value(values, "ElapsedMilliseconds") is not { } elapsed)
        {
            // "Request starting": the finished line says it all, once the answer is known.
            return true;
        }

        var took = TimeSpan.FromMilliseconds(Convert.ToDouble(elapsed, CultureInfo.InvariantCulture));
        var query = Value(values, "QueryString") as string;
        var pathBase = Value(values, "PathBase") as string;
        line = string.Create(CultureInfo.InvariantCulture, $"{method} {pathBase}{path}{query} → {status} in {DurationText.Format(took)}");
        return true;
    }

    private static object? Value(IReadOnlyList<KeyValuePair<string, object?>> values, string key)
    {
        foreach (var (name, value) in values)
        {
            if (string.Equals(name, key, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }
}
