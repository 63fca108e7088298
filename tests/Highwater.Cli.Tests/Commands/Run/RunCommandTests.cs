using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;
using Spectre.Console.Testing;
using Xunit.Abstractions;

namespace Highwater.Cli.Tests.Commands.Run;

/// <summary><c>highwater run</c> in-process: it exports what the sources hold, serves its metrics, survives a failing source, and stops on cancel with exit 0.</summary>
public sealed partial class RunCommandTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Run_WithMetrics_ExportsTheSourceAndServesTheHighwaterMeterToPrometheus()
    {
        const int Users = 900;
        await using var project = await RunProject.CreateAsync(Users, destination: "crm-metrics", secretsInFiles: true);
        var url = new Uri($"http://127.0.0.1:{FreePort()}/");
        await using var run = InProcessRun.Start("run", "--config", project.ConfigPath, "--metrics-urls", url.AbsoluteUri);
        using var http = new HttpClient { BaseAddress = url };

        await UntilAsync(async () => (await project.DifferencesAsync()).Count == 0, run);
        var metrics = "";
        await UntilAsync(async () => Value(metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative)), "highwater_outbox_depth", "crm-metrics") == 0, run);
        var exitCode = await run.StopAsync();
        foreach (var line in metrics.Split('\n').Where(line => line.StartsWith("highwater_", StringComparison.Ordinal) && !line.Contains("_bucket", StringComparison.Ordinal)))
        {
            output.WriteLine(line);
        }

        var counts = project.Marketo.GetCounts();
        Assert.Equal(0, exitCode);
        string[] steps = ["lookup", "create", "upsert", "update", "delete", "listAdd", "listRemove"];
        Assert.True(counts.Of("create") + counts.Of("upsert") >= Users / 300, metrics);
        foreach (var step in steps)
        {
            Assert.Equal(counts.Of(step), Value(metrics, "highwater_calls_total", "crm-metrics", $"step=\"{step}\"") ?? 0);
        }

        Assert.Equal(Users, Value(metrics, "highwater_records_total", "crm-metrics", "outcome=\"exported\""));
        Assert.Equal(Users, Value(metrics, "highwater_export_latency_seconds_count", "crm-metrics"));
        Assert.True(Value(metrics, "highwater_rows_polled_total", "source=\"users\"") >= Users, metrics);
        Assert.True(Value(metrics, "highwater_quota_used", "crm-metrics", "window=\"day\"") >= steps.Sum(counts.Of), metrics);
        Assert.InRange((Value(metrics, "highwater_quota_used", "crm-metrics", "window=\"day\"") + Value(metrics, "highwater_quota_left", "crm-metrics", "window=\"day\"")) ?? -1, 1, 50_000);
        Assert.Equal(0, Value(metrics, "highwater_rate_limit_errors_total", "crm-metrics") ?? 0);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(new Uri("metrics", UriKind.Relative)));
    }

    [Fact]
    public async Task Run_OneSourceFailsEveryPoll_TheOtherSourceIsStillExported()
    {
        const string Broken = """

              broken:
                kind: sqlite
                connection: app.db
                table: no_such_table
                key: id
                mark: updated_at
                columns: [email]
                pollInterval: 1s
            """;
        await using var project = await RunProject.CreateAsync(300, secretsInFiles: true, extraSources: Broken);
        await using var run = InProcessRun.Start("run", "--config", project.ConfigPath);

        await UntilAsync(async () => (await project.DifferencesAsync()).Count == 0, run);

        Assert.Equal(0, await run.StopAsync());
    }

    [Fact]
    public void Run_NoConfiguration_IsAUsageError()
    {
        var result = HighwaterCli.Run("run", "--config", Path.Combine(Path.GetTempPath(), "hw-none", "highwater.yaml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no configuration at", result.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1:9464")]
    [InlineData("http://127.0.0.1:9464/metrics")]
    [InlineData("127.0.0.1:9464")]
    public void Run_MetricsUrlNotAnHttpBase_IsAUsageError(string url)
    {
        var result = HighwaterCli.Run("run", "--metrics-urls", $"http://127.0.0.1:9464,{url}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--metrics-urls: '{url}' must be http://HOST:PORT with no path", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MetricsPortTaken_FailsToStartWithOneSentence()
    {
        await using var project = await RunProject.CreateAsync(10, secretsInFiles: true);
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var run = InProcessRun.Start("run", "--config", project.ConfigPath, "--metrics-urls", $"http://127.0.0.1:{port}");
        var exitCode = await run.Exited.WaitAsync(Deadline);

        Assert.Equal(1, exitCode);
        Assert.Contains("Error: the service could not start:", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
    }

    /// <summary>The value of the series <paramref name="name"/> whose labels hold every one of <paramref name="labels"/> (a bare word matches <c>destination="word"</c>); null when none.</summary>
    private static double? Value(string metrics, string name, params string[] labels)
    {
        var wanted = labels.Select(l => l.Contains('=', StringComparison.Ordinal) ? l : $"destination=\"{l}\"").ToList();
        foreach (Match match in Series().Matches(metrics))
        {
            if (match.Groups["name"].Value == name && wanted.All(l => match.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, InProcessRun run)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.False(run.Exited.IsCompleted, $"run exited ({(run.Exited.IsCompletedSuccessfully ? run.Exited.Result : -1)}); it printed: {run.Errors}");
            Assert.True(clock.Elapsed < Deadline, $"not within {Deadline}; run printed: {run.Errors}");
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>[-+0-9.eE]+)", RegexOptions.Multiline)]
    private static partial Regex Series();

    /// <summary>The application running on a task, as <c>Program</c> runs it, until <see cref="StopAsync"/> cancels it (Ctrl+C's token).</summary>
    private sealed class InProcessRun : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly TestConsole _output = new();
        private readonly TestConsole _errors = new();

        private InProcessRun(string[] args)
        {
            var app = new CommandApp();
            app.Configure(config =>
            {
                HighwaterApp.Configure(config, _errors);
                config.ConfigureConsole(_output);
            });
            Exited = Task.Run(() => app.RunAsync(args, _stop.Token));
        }

        public Task<int> Exited { get; }

        public string Errors => _errors.Output + _output.Output;

        public static InProcessRun Start(params string[] args) => new(args);

        public async Task<int> StopAsync()
        {
            await _stop.CancelAsync();
            return await Exited.WaitAsync(Deadline);
        }

        public async ValueTask DisposeAsync()
        {
            if (!Exited.IsCompleted)
            {
                await StopAsync();
            }

            _stop.Dispose();
            _output.Dispose();
            _errors.Dispose();
        }
    }
}
