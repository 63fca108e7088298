using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Testing;

namespace Highwater.Cli.Tests;

/// <summary>Runs the <c>highwater</c> application in-process, as <c>Program</c> builds it, and keeps what it printed.</summary>
internal static class HighwaterCli
{
    /// <summary>Runs with stdout redirected (a test console is not a terminal).</summary>
    public static CliResult Run(params string[] args)
    {
        using var output = new TestConsole();
        return Run(output, () => output.Output, args);
    }

    /// <summary>Runs with <paramref name="output"/> as stdout; <paramref name="printed"/> reads it back.</summary>
    public static CliResult Run(IAnsiConsole output, Func<string> printed, params string[] args) =>
        Run(output, printed, _ => { }, args);

    /// <summary>Runs with more verbs than the application has (<paramref name="configure"/>), stdout redirected.</summary>
    public static CliResult Run(Action<IConfigurator> configure, params string[] args)
    {
        using var output = new TestConsole();
        return Run(output, () => output.Output, configure, args);
    }

    private static CliResult Run(IAnsiConsole output, Func<string> printed, Action<IConfigurator> configure, string[] args)
    {
        using var errors = new TestConsole();
        var app = new CommandApp();
        app.Configure(config =>
        {
            HighwaterApp.Configure(config, errors);
            config.ConfigureConsole(output);
            configure(config);
        });
        var exitCode = app.Run(args);
        return new CliResult(exitCode, printed(), errors.Output);
    }
}
