using System.Collections;
using System.Globalization;
using System.Text;
using Highwater.Core.Text;

namespace Highwater.Cli.Logging;

/// <summary>
/// A log entry's message as every Highwater log line writes it: its template filled with durations
/// read as <c>596 ms</c> or <c>1m 05s</c> (<see cref="DurationText"/>), never <c>00:00:00.5960111</c>,
/// and lists joined with commas. The console formatter and the redacting logger (which hands the
/// console only text) both render through it.
/// </summary>
internal static class LogMessageText
{
    /// <summary>The message from its template, with durations (and lists) written for a person; a state with no template is formatted as its logger asks.</summary>
    public static string Render<TState>(TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values
            || values.FirstOrDefault(v => v.Key == "{OriginalFormat}").Value is not string template)
        {
            return formatter(state, exception);
        }

        var byName = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            byName.TryAdd(key, value);
        }

        var text = new StringBuilder(template.Length + 32);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }

            var close = c == '{' ? template.IndexOf('}', i) : -1;
            if (close < 0)
            {
                text.Append(c);
                continue;
            }

            var hole = template[(i + 1)..close];
            var colon = hole.IndexOfAny([':', ',']);
            var name = colon < 0 ? hole : hole[..colon];
            var format = colon >= 0 && hole[colon] == ':' ? hole[(colon + 1)..] : null;
            text.Append(byName.TryGetValue(name, out var value) ? Value(value, format) : "{" + hole + "}");
            i = close;
        }

        return text.ToString();
    }

    private static string Value(object? value, string? format) => value switch
    {
        null => "(null)",
        TimeSpan span => DurationText.Format(span),
        string text => text,
        IFormattable formattable => formattable.ToString(format, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(item => Value(item, format))),
        _ => value.ToString() ?? "",
    };
}
