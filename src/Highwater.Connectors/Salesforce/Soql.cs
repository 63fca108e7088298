using System.Text;

namespace Highwater.Connectors.Salesforce;

/// <summary>SOQL text: quoted literals and IN lists that keep a query URI under a byte budget.</summary>
internal static class Soql
{
    /// <summary>
    /// A string literal with SOQL's backslash escapes, so that a quote or a backslash inside a
    /// value (an e-mail like <c>o'brien@example.com</c>) stays inside the literal.
    /// </summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '\'' => "\\'",
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ => c.ToString(),
            });
        }

        return quoted.Append('\'').ToString();
    }

    /// <summary>
    /// Splits <paramref name="values"/> into as few queries as fit: each query is
    /// <paramref name="build"/> of a comma-separated list of quoted values, and each one's
    /// <paramref name="size"/> stays within <paramref name="budget"/> (a single value always goes).
    /// </summary>
    public static IEnumerable<(IReadOnlyList<string> Values, string Query)> InChunks(IReadOnlyList<string> values, Func<string, string> build, Func<string, int> size, int budget)
    {
        var chunk = new List<string>();
        string? query = null;
        foreach (var value in values)
        {
            chunk.Add(value);
            var candidate = build(string.Join(", ", chunk.Select(Quote)));
            if (chunk.Count > 1 && size(candidate) > budget)
            {
                chunk.RemoveAt(chunk.Count - 1);
                yield return (chunk, query!);
                chunk = [value];
                candidate = build(Quote(value));
            }

            query = candidate;
        }

        if (chunk.Count > 0)
        {
            yield return (chunk, query!);
        }
    }
}
