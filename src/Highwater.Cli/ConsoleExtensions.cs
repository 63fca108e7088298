using Spectre.Console;

namespace Highwater.Cli;

/// <summary>Writing for a person at a terminal or for a file or pipe.</summary>
internal static class ConsoleExtensions
{
    /// <summary>Whether a person is watching: output goes to a terminal rather than a file or a pipe.</summary>
    public static bool IsTerminal(this IAnsiConsole console) => console.Profile.Out.IsTerminal;

    /// <summary>
    /// Writes one line of markup: styled and wrapped to the width at a terminal; as plain text and
    /// unwrapped otherwise, since a file or a pipe has no width to fit.
    /// </summary>
    public static void Line(this IAnsiConsole console, string markup)
    {
        if (console.IsTerminal())
        {
            console.MarkupLine(markup);
        }
        else
        {
            console.Profile.Out.Writer.WriteLine(Markup.Remove(markup));
        }
    }
}
