using System.Text;
using Spectre.Console.Cli;
using Spectre.Console.Testing;

namespace Highwater.Cli.Tests;

/// <summary>Every example the help prints parses as printed (copied into a shell), and every command takes the common options.</summary>
public sealed class HelpExamplesTests
{
    public static TheoryData<string> Commands() =>
        ["budget", "run", "simulate", "validate", "init", "sync", "demo", "plan", "reconcile", "status", "deadletters", "deadletters list", "deadletters retry", "deadletters discard"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_EveryExample_ParsesAndValidatesAsPrinted(string command)
    {
        var examples = Examples(Help(command.Split(' '))).ToList();
        Assert.NotEmpty(examples);

        foreach (var example in examples)
        {
            var parsed = new List<string>();
            var result = HighwaterCli.Run(config => config.SetInterceptor(new StopAfterParsing(parsed)), ShellWords(example)[1..]);

            // Parsed and validated, then stopped before running: nothing else explains this exit.
            Assert.True(result.ErrorLines.SequenceEqual([$"Error: {StopAfterParsing.Message}"]), $"`{example}`: exit {result.ExitCode}\n{result.Errors}");
            Assert.Single(parsed);
        }
    }

    [Theory]
    [InlineData("budget --service marketo")]
    [InlineData("run")]
    [InlineData("simulate marketo")]
    [InlineData("validate")]
    [InlineData("init")]
    [InlineData("sync")]
    [InlineData("demo")]
    [InlineData("plan")]
    [InlineData("reconcile")]
    [InlineData("status")]
    [InlineData("deadletters")]
    [InlineData("deadletters list")]
    [InlineData("deadletters retry")]
    [InlineData("deadletters discard")]
    public void EveryCommand_TakesVerboseAndLogLevel(string command)
    {
        var bound = new List<CommandSettings>();
        var verbose = HighwaterCli.Run(config => config.SetInterceptor(new StopAfterParsing([], bound)), [.. command.Split(' '), "-v"]);
        var level = HighwaterCli.Run(config => config.SetInterceptor(new StopAfterParsing([], bound)), [.. command.Split(' '), "--log-level", "trace"]);

        Assert.Equal([$"Error: {StopAfterParsing.Message}"], verbose.ErrorLines);
        Assert.Equal([$"Error: {StopAfterParsing.Message}"], level.ErrorLines);
        Assert.Equal(
            [(true, Microsoft.Extensions.Logging.LogLevel.Debug), (false, Microsoft.Extensions.Logging.LogLevel.Trace)],
            bound.Cast<Highwater.Cli.Commands.Shared.CommonSettings>().Select(s => (s.Verbose, s.LevelOr(Microsoft.Extensions.Logging.LogLevel.Warning, _ => null))));
    }

    [Fact]
    public void Version_PrintsThePackageVersion()
    {
        var result = HighwaterCli.Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$", result.Output.Trim());
        Assert.Equal(HighwaterApp.Version, result.Output.Trim());
    }

    [Fact]
    public void LogLevel_Unknown_IsAWrongCommandLine_NamingTheLevels()
    {
        var result = HighwaterCli.Run("budget", "--service", "marketo", "--log-level", "loud");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["Error: Failed to convert 'loud' to LogLevel. Valid values are 'trace', 'debug', 'information', 'warning', 'error', 'critical', 'none'"], result.ErrorLines);
    }

    [Theory]
    [InlineData("Error: Unknown command 'nosuch'.", "nosuch")]
    [InlineData("Error: Unknown option 'jsn'.", "sync", "--jsn")]
    public void WrongCommandLine_Exit2_NamingTheWord(string error, params string[] args)
    {
        var result = HighwaterCli.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, result.ErrorLines[0]);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void DeadLetters_WithoutAVerb_IsAWrongCommandLine_Exit2()
    {
        var result = HighwaterCli.Run("deadletters");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["Error: deadletters needs a verb: list, retry or discard (highwater deadletters --help shows them)"], result.ErrorLines);
    }

    /// <summary>The help of <paramref name="command"/>, on a console wide enough that no example wraps.</summary>
    private static string Help(string[] command)
    {
        using var output = new TestConsole().Width(1000);
        var result = HighwaterCli.Run(output, () => output.Output, [.. command, "--help"]);
        Assert.Equal(0, result.ExitCode);
        return result.Output;
    }

    private static IEnumerable<string> Examples(string help) =>
        help.Split('\n')
            .Select(line => line.Trim())
            .SkipWhile(line => line != "EXAMPLES:")
            .Skip(1)
            .TakeWhile(line => line.Length > 0);

    /// <summary>Splits a line as a POSIX shell does for plain words and single or double quotes.</summary>
    private static string[] ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                (quote, inWord) = (c, true);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        Assert.Null(quote);
        if (inWord)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }

    /// <summary>Records the command the arguments bound to, then stops it before it runs.</summary>
    private sealed class StopAfterParsing(List<string> parsed, List<CommandSettings>? bound = null) : ICommandInterceptor
    {
        public const string Message = "parsed; stopped before running";

        public void Intercept(CommandContext context, CommandSettings settings)
        {
            parsed.Add(context.Name);
            bound?.Add(settings);
            throw new InvalidOperationException(Message);
        }
    }
}
