namespace Highwater.Storage.Json;

/// <summary>
/// Text a JSON column stores with no NUL in it: PostgreSQL's <c>jsonb</c> (and its <c>text</c>)
/// cannot hold U+0000, and a source value may. NUL is written as U+FFFF '0' and U+FFFF itself as
/// U+FFFF U+FFFF (a noncharacter, which no text exchanged between systems should carry), so every
/// value reads back exactly as it was written, on either store.
/// </summary>
internal static class NulText
{
    private const char Escape = '\uFFFF';

    public static string Encode(string value)
    {
        if (value.AsSpan().IndexOfAny('\0', Escape) < 0)
        {
            return value;
        }

        var text = new System.Text.StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\0' => text.Append(Escape).Append('0'),
                Escape => text.Append(Escape).Append(Escape),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }

    public static string Decode(string value)
    {
        if (value.IndexOf(Escape, StringComparison.Ordinal) < 0)
        {
            return value;
        }

        var text = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == Escape && i + 1 < value.Length)
            {
                text.Append(value[++i] == '0' ? '\0' : value[i]);
            }
            else
            {
                text.Append(value[i]);
            }
        }

        return text.ToString();
    }
}
