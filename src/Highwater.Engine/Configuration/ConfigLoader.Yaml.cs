using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;
using YamlDotNet.RepresentationModel;

namespace Highwater.Engine.Configuration;

public static partial class ConfigLoader
{
    /// <summary>The YAML of the file, or null when the parser rejects it (then <see cref="YamlProblem"/> says where and why).</summary>
    private static YamlStream? LoadYaml(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
            return stream;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // YamlDotNet throws InvalidOperationException, with no position, on some unclosed flow collections.
            return null;
        }
    }

    /// <summary>
    /// Where and why the parser rejects <paramref name="text"/>, in the user's terms: a tab is
    /// reported on its own line (the parser names the value before it), and an unclosed <c>[</c> or
    /// <c>{</c> at the line that opens it (the parser notices only lines later, or not at all).
    /// </summary>
    private static ConfigProblem YamlProblem(string text, string file)
    {
        var (error, errorLine, errorIndex) = ScanError(text);
        var open = UnclosedFlow(text);
        if (error is not null && error.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            var tab = text.IndexOf('\t', (int)Math.Min(errorIndex, text.Length));
            var line = tab < 0 ? errorLine : LineOf(text, tab);
            return new ConfigProblem(file, line, "", "is not valid YAML: a tab indents this line; YAML indents with spaces only");
        }

        if (open is { } flow)
        {
            return new ConfigProblem(file, flow.Line, "", $"is not valid YAML: the '{flow.Bracket}' opened on this line is never closed with '{(flow.Bracket == '[' ? ']' : '}')}'");
        }

        return new ConfigProblem(file, Math.Max(1, errorLine), "", $"is not valid YAML: {error ?? "the parser stopped on this line"}");
    }

    /// <summary>The parser's complaint and where it is, by loading the text once more.</summary>
    private static (string? Message, int Line, long Index) ScanError(string text)
    {
        try
        {
            new YamlStream().Load(new StringReader(text));
            return (null, 0, 0);
        }
        catch (YamlException ex)
        {
            return (ex.InnerException?.Message is { Length: > 0 } inner ? inner : ex.Message, (int)ex.Start.Line, ex.Start.Index);
        }
        catch (InvalidOperationException)
        {
            return (null, LineOf(text, text.Length), text.Length);
        }
    }

    /// <summary>The innermost <c>[</c> or <c>{</c> never closed, by scanning the text's tokens up to where the scanner gives up.</summary>
    private static (char Bracket, int Line)? UnclosedFlow(string text)
    {
        var open = new Stack<Token>();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            // The scanner hands out an Error token over and over once it is lost: stop there, and
            // never take more tokens than the text has characters.
            for (var tokens = 0; tokens <= text.Length && scanner.MoveNext() && scanner.Current is not Error; tokens++)
            {
                switch (scanner.Current)
                {
                    case FlowSequenceStart or FlowMappingStart:
                        open.Push(scanner.Current);
                        break;
                    case FlowSequenceEnd or FlowMappingEnd when open.Count > 0:
                        open.Pop();
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // Where the scanner gave up is what matters; the collections still open then are the cause.
        }

        return open.TryPeek(out var token) ? (token is FlowSequenceStart ? '[' : '{', (int)token.Start.Line) : null;
    }

    private static int LineOf(string text, int index) => 1 + text.AsSpan(0, Math.Min(index, text.Length)).Count('\n');
}
