using System.Net;
using System.Net.Sockets;
using Highwater.Engine.Samples;

namespace Highwater.Cli.Tests.Commands.Failures;

/// <summary>A buffer, a source or a port that cannot be had: one line naming which and where, exit 1, no stack trace.</summary>
public sealed class UnreachableTests
{
    [Theory]
    [InlineData("status")]
    [InlineData("sync")]
    [InlineData("run")]
    [InlineData("deadletters list")]
    [InlineData("reconcile --dry-run")]
    public async Task Command_PostgresBufferUnreachable_NamesTheBufferAndWhere(string command)
    {
        var variable = "HW_PG_" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable(variable, "Host=127.0.0.1;Port=1;Username=hw;Password=CANARY-pg;Database=hw;Timeout=3");
        try
        {
            await using var f = await SampleProjectFixture.CreateAsync(users: 5, uri => SampleProject.Config(uri)
                .Replace("sqlite: .highwater/buffer.db", $"postgres: ${{{variable}}}", StringComparison.Ordinal));

            var result = SampleProjectFixture.Run([.. command.Split(' '), "--config", f.ConfigPath]);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(["Error: buffer (postgres): cannot connect to 127.0.0.1:1"], result.ErrorLines);
            Assert.Empty(f.Marketo.GetState().Records);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Sync_SqliteBufferPathIsAFolder_NamesThePath()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 5);
        Directory.CreateDirectory(f.BufferPath);

        var result = SampleProjectFixture.Run("sync", "--config", f.ConfigPath);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"Error: buffer (sqlite): cannot open {f.BufferPath}: ", line, StringComparison.Ordinal);
        Assert.Empty(f.Marketo.GetState().Records);
    }

    [Fact]
    public async Task SyncAndRun_SourceSqliteFileMissing_AsProcesses_PrintNoStackTrace()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 5);
        File.Delete(f.App.Path);
        var environment = new Dictionary<string, string>
        {
            ["MARKETO_CLIENT_ID"] = new Highwater.Simulators.Marketo.MarketoSimulatorOptions().ClientId,
            ["MARKETO_CLIENT_SECRET"] = new Highwater.Simulators.Marketo.MarketoSimulatorOptions().ClientSecret,
        };

        var sync = await Secrets.CliProcess.RunAsync(f.Folder, environment, TimeSpan.FromMinutes(1), "sync", "--config", f.ConfigPath);
        using var run = Secrets.CliProcess.Start(f.Folder, environment, "run", "--config", f.ConfigPath);
        var failed = await run.WaitForLineAsync(line => line.Contains("no file at", StringComparison.Ordinal), TimeSpan.FromMinutes(1), "saying the source file is missing");
        var stopped = await run.TerminateAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, sync.ExitCode);
        Assert.Contains($"source 'users': cannot connect to SQLite: no file at {f.App.Path}", sync.Output + sync.Errors, StringComparison.Ordinal);
        Assert.Contains(f.App.Path, failed, StringComparison.Ordinal);
        Assert.Equal(0, stopped);
        Assert.False(File.Exists(f.App.Path), "a reader must not create the missing source file");
        Assert.Empty(f.Marketo.GetState().Records);
        foreach (var text in (string[])[sync.Output, sync.Errors, run.Output, run.Errors])
        {
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("marketo")]
    [InlineData("salesforce")]
    [InlineData("pardot")]
    [InlineData("eloqua")]
    public void Simulate_PortInUse_SaysSoInOneLine(string service)
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var result = HighwaterCli.Run("simulate", service, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"Error: simulate {service}: port {port} on 127.0.0.1 is in use; pick another with --port, or --port 0 for any free one"], result.ErrorLines);
    }
}
