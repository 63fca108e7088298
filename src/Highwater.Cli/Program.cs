using Highwater.Cli;
using Spectre.Console;
using Spectre.Console.Cli;

// Results go to stdout (AnsiConsole.Console); problems go to stderr, so `--json | jq` sees only JSON.
var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
var app = new CommandApp();
app.Configure(config => HighwaterApp.Configure(config, errors));
return await app.RunAsync(args);
