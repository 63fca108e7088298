using System.Text.Json;

namespace Highwater.Cli.Tests;

/// <summary>What one run of the application printed and exited with.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Errors)
{
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] ErrorLines => Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>stdout as one JSON document; parsing fails if anything else was printed.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Output);
        return document.RootElement.Clone();
    }

    /// <summary>The cells of the (Markdown) table row whose first cell is <paramref name="name"/>.</summary>
    public string[] Row(string name) =>
        OutputLines
            .Where(line => line.StartsWith('|'))
            .Select(line => line.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .Single(cells => cells[0] == name);
}
