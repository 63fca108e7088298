using System.Collections.Concurrent;
using System.Diagnostics;
using Highwater.Cli.Tests.Commands.Run;

namespace Highwater.Cli.Tests.Commands.Secrets;

/// <summary>
/// One <c>highwater</c> command as a separate process (the built highwater.dll), so that what it
/// logs through the console logger is collected with what it prints: stdout and stderr, line by line.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private CliProcess(Process process) => _process = process;

    public string Output => string.Join('\n', _output);

    public string Errors => string.Join('\n', _errors);

    public static CliProcess Start(string folder, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var arg in (string[])[ServiceProcess.Dll, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => Add(cli._output, e.Data);
        process.ErrorDataReceived += (_, e) => Add(cli._errors, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs a command to its end; fails the test if it takes longer than <paramref name="deadline"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string folder, IReadOnlyDictionary<string, string> environment, TimeSpan deadline, params string[] args)
    {
        using var cli = Start(folder, environment, args);
        var exitCode = await cli.WaitForExitAsync(deadline, string.Join(' ', args));
        return (exitCode, cli.Output, cli.Errors);
    }

    /// <summary>Waits until a line of stdout or stderr satisfies <paramref name="done"/>; fails with what was printed.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> done, TimeSpan deadline, string what)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < deadline)
        {
            if (_output.Concat(_errors).FirstOrDefault(done) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        throw new TimeoutException($"no line {what} within {deadline} (exited: {_process.HasExited}); stdout:\n{Output}\nstderr:\n{Errors}");
    }

    /// <summary>SIGTERM, as a service manager stops it; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan deadline)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(deadline, "after SIGTERM");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private async Task<int> WaitForExitAsync(TimeSpan deadline, string what)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"highwater {what} did not exit within {deadline}; stdout:\n{Output}\nstderr:\n{Errors}");
        }

        // The asynchronous readers may still hold the last lines: wait for their end of stream.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    private static void Add(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
