using System.Runtime.InteropServices;
using Highwater.Cli;
using Spectre.Console;
using Spectre.Console.Cli;

// Results go to stdout (AnsiConsole.Console); problems go to stderr, so `--json | jq` sees only JSON.
var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
var app = new CommandApp();
app.Configure(config => HighwaterApp.Configure(config, errors));

// Ctrl+C and SIGTERM ask the command to stop (a simulator closes, a sync abandons its call in
// flight safely); a second one is not needed, and none kills the process mid-write.
using var stopping = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await app.RunAsync(args, stopping.Token);
