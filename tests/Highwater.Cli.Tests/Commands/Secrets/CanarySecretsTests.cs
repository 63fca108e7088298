using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Highwater.Engine.Samples;
using Highwater.Simulators.Marketo;

namespace Highwater.Cli.Tests.Commands.Secrets;

/// <summary>
/// Canary secrets, set through <c>${ENV}</c> (the client id) and <c>${file:...}</c> (the client
/// secret) and accepted by the simulator, are used by every command and appear in none of its
/// output, logs (commands run as processes, so the console logger is collected too), metrics page
/// or buffer files.
/// </summary>
public sealed partial class CanarySecretsTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly string _id = Guid.NewGuid().ToString("N")[..10];
    private string _folder = "";
    private MarketoSimulator _marketo = null!;
    private SampleDatabase _app = null!;

    private string ClientId => $"canary-id-{_id}";

    private string ClientSecret => $"canary-secret-{_id}";

    private string Variable => $"HW_CANARY_ID_{_id}";

    private string ConfigPath => Path.Combine(_folder, "highwater.yaml");

    private Dictionary<string, string> Environment => new() { [Variable] = ClientId };

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("hw-canary-").FullName;
        _marketo = await MarketoSimulator.StartAsync(new MarketoSimulatorOptions { ClientId = ClientId, ClientSecret = ClientSecret });
        _app = new SampleDatabase(Path.Combine(_folder, "app.db"));
        await _app.CreateAsync(20, seed: 7, CancellationToken.None);
        var secretFile = Path.Combine(_folder, "marketo-secret");
        await File.WriteAllTextAsync(secretFile, ClientSecret);
        var config = SampleProject.Config(_marketo.BaseAddress, window: "10s")
            .Replace("${MARKETO_CLIENT_ID}", $"${{{Variable}}}", StringComparison.Ordinal)
            .Replace("${MARKETO_CLIENT_SECRET}", $"${{file:{secretFile}}}", StringComparison.Ordinal)
            .Replace("pollInterval: 30s", "pollInterval: 1s", StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, config, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientId, config, StringComparison.Ordinal);
        await File.WriteAllTextAsync(ConfigPath, config);
    }

    public async Task DisposeAsync()
    {
        await _marketo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temporary folder.
        }
    }

    [Fact]
    public async Task Validate_WithAndWithoutConnect_PrintsNoSecret()
    {
        var plain = await RunAsync("validate", "--config", ConfigPath);
        var connect = await RunAsync("validate", "--config", ConfigPath, "--connect");

        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, connect.ExitCode);
        AssertClean(plain, connect);
    }

    [Fact]
    public async Task Plan_TextAndJson_PrintsNoSecret()
    {
        var text = await RunAsync("plan", "--config", ConfigPath);
        var json = await RunAsync("plan", "--config", ConfigPath, "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Equal(0, json.ExitCode);
        AssertClean(text, json);
    }

    [Fact]
    public async Task Sync_ExportsWithTheCanaries_AndPrintsNoSecret()
    {
        var sync = await RunAsync("sync", "--config", ConfigPath, "--log-level", "debug");
        if (sync.ExitCode == 2)
        {
            // --log-level is not there (yet): the same sync at the default level.
            sync = await RunAsync("sync", "--config", ConfigPath);
        }

        Assert.Equal(0, sync.ExitCode);
        Assert.Equal(20, _marketo.GetState().Records.Count);
        AssertClean(sync);
        AssertBufferClean();
    }

    [Fact]
    public async Task StatusAndDeadLetters_AfterASync_PrintNoSecret()
    {
        Assert.Equal(0, (await RunAsync("sync", "--config", ConfigPath)).ExitCode);
        await _app.ApplyAsync(new SampleDatabase.Wave(Edits: 5, NewUsers: 0, Deletions: 0, EmailChanges: 0, PlanMoves: 0), seed: 1, CancellationToken.None);

        var results = new[]
        {
            await RunAsync("status", "--config", ConfigPath),
            await RunAsync("status", "--config", ConfigPath, "--json"),
            await RunAsync("deadletters", "list", "--config", ConfigPath),
            await RunAsync("deadletters", "list", "--config", ConfigPath, "--json"),
        };

        Assert.All(results, result => Assert.Equal(0, result.ExitCode));
        AssertClean(results);
        AssertBufferClean();
    }

    [Fact]
    public async Task RunWithMetrics_LogsAndMetricsPage_HoldNoSecret()
    {
        var port = FreePort();
        using var run = CliProcess.Start(_folder, Environment, "run", "--config", ConfigPath, "--metrics-urls", $"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var metrics = "";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (_marketo.GetState().Records.Count < 20 || !metrics.Contains("highwater_records_total", StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < Deadline, $"run never exported the 20 users; it printed:\n{run.Output}\n{run.Errors}");
            try
            {
                metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        var exitCode = await run.TerminateAsync(Deadline);

        Assert.Equal(0, exitCode);
        AssertClean((exitCode, run.Output, run.Errors), (0, metrics, ""));
        AssertBufferClean();
    }

    [Fact]
    public async Task Simulate_LogsTheIdentityCall_WithItsCredentialsRedacted()
    {
        using var simulate = CliProcess.Start(_folder, Environment, "simulate", "marketo", "--port", "0");
        // Its own banner on stdout, not ASP.NET Core's "Now listening on:" log line.
        var listening = await simulate.WaitForLineAsync(line => Listening().IsMatch(line), Deadline, "saying where it listens");
        var address = new Uri(Listening().Match(listening).Groups[1].Value);
        using var http = new HttpClient { BaseAddress = address };
        using var answer = await http.GetAsync(new Uri($"identity/oauth/token?grant_type=client_credentials&client_id={ClientId}&client_secret={ClientSecret}", UriKind.Relative));
        var logged = await simulate.WaitForLineAsync(line => line.Contains("identity/oauth/token", StringComparison.Ordinal), Deadline, "logging the identity call");
        var exitCode = await simulate.TerminateAsync(Deadline);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Contains("client_id=***&client_secret=***", logged, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
        AssertClean((exitCode, simulate.Output, simulate.Errors));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args) =>
        CliProcess.RunAsync(_folder, Environment, Deadline, args);

    private void AssertClean(params (int ExitCode, string Output, string Errors)[] results)
    {
        foreach (var (_, output, errors) in results)
        {
            foreach (var canary in (string[])[ClientId, ClientSecret])
            {
                Assert.DoesNotContain(canary, output, StringComparison.Ordinal);
                Assert.DoesNotContain(canary, errors, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        }
    }

    /// <summary>Every file of the buffer (the database, its log and shared memory), as UTF-8 and UTF-16.</summary>
    private void AssertBufferClean()
    {
        var files = Directory.GetFiles(Path.Combine(_folder, ".highwater"), "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var canary in (string[])[ClientId, ClientSecret])
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary)) < 0, $"{file} holds {canary}");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(canary)) < 0, $"{file} holds {canary} (UTF-16)");
            }
        }
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex Listening();
}
