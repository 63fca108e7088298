using System.Text;
using Spectre.Console;

namespace Highwater.Cli.Tests;

/// <summary>Console output that says it is a terminal, written to a string.</summary>
internal sealed class TerminalOutput : IAnsiConsoleOutput
{
    public TextWriter Writer { get; } = new StringWriter();

    public bool IsTerminal => true;

    public int Width => 120;

    public int Height => 40;

    public void SetEncoding(Encoding encoding)
    {
    }
}
