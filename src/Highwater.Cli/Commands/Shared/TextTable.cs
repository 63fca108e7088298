using Spectre.Console;

namespace Highwater.Cli.Commands.Shared;

/// <summary>
/// A table of text cells: a rounded Spectre table at a terminal; a Markdown table when the output
/// is a file or a pipe, so it lines up, greps by row, and pastes into a document as it is.
/// </summary>
internal static class TextTable
{
    /// <summary>Writes <paramref name="rows"/> under <paramref name="header"/>; columns after the first are right-aligned unless <paramref name="leftAligned"/> names them.</summary>
    public static void Write(IAnsiConsole console, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, params int[] leftAligned)
    {
        if (console.IsTerminal())
        {
            var table = new Table().Border(TableBorder.Rounded);
            for (var c = 0; c < header.Count; c++)
            {
                var column = new TableColumn(Markup.Escape(header[c]));
                table.AddColumn(c == 0 || leftAligned.Contains(c) ? column : column.RightAligned());
            }

            foreach (var row in rows)
            {
                table.AddRow([.. row.Select(Markup.Escape)]);
            }

            console.Write(table);
            return;
        }

        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, header.Count).Select(c => all.Max(row => row[c].Length)).ToArray();
        string Line(IReadOnlyList<string> row) =>
            "| " + string.Join(" | ", row.Select((cell, c) => c == 0 || leftAligned.Contains(c) ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))) + " |";

        var writer = console.Profile.Out.Writer;
        writer.WriteLine(Line(header));
        writer.WriteLine("| " + string.Join(" | ", widths.Select((w, c) => c == 0 || leftAligned.Contains(c) ? new string('-', w) : new string('-', w - 1) + ":")) + " |");
        foreach (var row in rows)
        {
            writer.WriteLine(Line(row));
        }
    }
}
