using System.Collections.Concurrent;
using System.Diagnostics;

namespace Highwater.Cli.Tests.Commands.Run;

/// <summary>
/// One life of <c>highwater run</c> as a separate process: the built highwater.dll run by the same
/// dotnet host as the tests, secrets in its environment, its log lines (stderr) collected.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ServiceProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The CLI's entry assembly as the build put it next to the tests (the project is referenced for that).</summary>
    public static string Dll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "highwater.dll");
            return File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json"))
                ? path
                : throw new FileNotFoundException($"highwater.dll (with its runtimeconfig.json) is not in the test output {AppContext.BaseDirectory}; is Highwater.Cli referenced?", path);
        }
    }

    public static ServiceProcess Start(string configPath, IReadOnlyDictionary<string, string> environment, params string[] extraArgs)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(configPath)!,
        };
        foreach (var arg in (string[])[Dll, "run", "--config", configPath, .. extraArgs])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var service = new ServiceProcess(process);
        process.ErrorDataReceived += (_, e) => service.Add(e.Data);
        process.OutputDataReceived += (_, e) => service.Add(e.Data);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return service;
    }

    /// <summary>SIGKILL: no handler runs, nothing is flushed or released.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as a service manager stops it; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan deadline)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public int Count(string text) => _lines.Count(line => line.Contains(text, StringComparison.Ordinal));

    public string Tail(int lines = 30) => string.Join('\n', _lines.TakeLast(lines));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
