using System.Text;

namespace Highwater.Simulators.Pardot;

/// <summary>RFC 4180 CSV as the Import API takes it: a header row, quoted cells where needed, CRLF or LF.</summary>
internal static class PardotCsv
{
    /// <summary>The rows of a CSV text; null when a quote is left open or rows differ in length from the header.</summary>
    public static List<string[]>? Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    row.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add([.. row]);
                    row.Clear();
                    break;
                default:
                    cell.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            return null;
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
        }

        rows.RemoveAll(r => r is [""]);
        return rows.Count > 0 && rows.All(r => r.Length == rows[0].Length) ? rows : null;
    }

    /// <summary>One CSV line (CRLF-terminated), quoting cells that need it.</summary>
    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Quote)) + "\r\n";

    private static string Quote(string? cell)
    {
        cell ??= "";
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}
