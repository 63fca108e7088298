namespace Highwater.Cli.Tests;

public sealed class HighwaterAppTests
{
    [Theory]
    [InlineData(true, 2, "Error: --thing: rejected by the engine")]
    [InlineData(false, 1, "Error: the engine broke")]
    public void Run_CommandThrows_PrintsTheMessageWithoutAStackTrace(bool usage, int exitCode, string error)
    {
        var result = HighwaterCli.Run(config => config.AddCommand<ThrowingCommand>("throw"), usage ? ["throw", "--usage"] : ["throw"]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal([error], result.ErrorLines);
    }

    [Fact]
    public void Run_Help_ListsBudget()
    {
        var result = HighwaterCli.Run("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("highwater [OPTIONS] <COMMAND>", result.Output, StringComparison.Ordinal);
        Assert.Contains("budget", result.Output, StringComparison.Ordinal);
    }
}
