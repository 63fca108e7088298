using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Highwater.Cli.Tests.Commands.Secrets;
using Spectre.Console.Cli;
using Spectre.Console.Testing;

namespace Highwater.Cli.Tests.Commands.Simulate;

public sealed partial class SimulateCommandTests
{
    [Theory]
    [InlineData("marketo")]
    [InlineData("salesforce")]
    [InlineData("eloqua")]
    [InlineData("pardot")]
    public async Task Simulate_Service_ListensOnLoopbackAnswersAdminAndStopsOnCancel(string service)
    {
        using var output = new TestConsole();
        using var errors = new TestConsole();
        var app = new CommandApp();
        app.Configure(config =>
        {
            HighwaterApp.Configure(config, errors);
            config.ConfigureConsole(output);
        });
        using var stop = new CancellationTokenSource();

        var run = app.RunAsync(["simulate", service, "--quiet"], stop.Token);
        var address = await ListeningAddressAsync(output, run);
        using var http = new HttpClient { BaseAddress = address };
        var counts = await http.GetFromJsonAsync<JsonElement>("_sim/counts");
        await stop.CancelAsync();
        var exitCode = await run;

        Assert.Equal("127.0.0.1", address.Host);
        Assert.True(counts.TryGetProperty("byKind", out _), counts.ToString());
        Assert.Equal(0, exitCode);
        Assert.Contains("stopped.", output.Output, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("_sim/counts", UriKind.Relative)));
    }

    [Fact]
    public void Simulate_UnknownService_IsAUsageError()
    {
        var result = HighwaterCli.Run("simulate", "dynamics");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SERVICE must be one of marketo, salesforce", result.Errors, StringComparison.Ordinal);
        Assert.Contains("(was 'dynamics')", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_LogsOneShortLinePerRequest_WithItsStatusAndDuration_AndNoneOfTheHostsOwn()
    {
        var folder = Directory.CreateTempSubdirectory("hw-simulate-log-").FullName;
        using var simulate = CliProcess.Start(folder, new Dictionary<string, string>(), "simulate", "salesforce", "--port", "0");
        var listening = await simulate.WaitForLineAsync(line => Listening().IsMatch(line), TimeSpan.FromMinutes(1), "saying where it listens");
        using var http = new HttpClient { BaseAddress = new Uri(Listening().Match(listening).Groups[1].Value) };
        using (await http.GetAsync(new Uri("_sim/counts?detail=1", UriKind.Relative)))
        using (await http.GetAsync(new Uri("no/such/page", UriKind.Relative)))
        {
        }

        await simulate.WaitForLineAsync(line => line.Contains("/no/such/page", StringComparison.Ordinal), TimeSpan.FromMinutes(1), "logging the unknown page");
        var exitCode = await simulate.TerminateAsync(TimeSpan.FromMinutes(1));
        var log = simulate.Errors + "\n" + simulate.Output;

        Assert.Equal(0, exitCode);
        Assert.Matches(RequestLogLine("GET /_sim/counts\\?detail=1", 200), log);
        Assert.Matches(RequestLogLine("GET /no/such/page", 404), log);
        foreach (var noise in (string[])["Request starting", "Request finished", "Executing endpoint", "Executed endpoint", "Now listening on", "end of the middleware pipeline", "00:00:00."])
        {
            Assert.DoesNotContain(noise, log, StringComparison.Ordinal);
        }

        Directory.Delete(folder, recursive: true);
    }

    private static Regex RequestLogLine(string request, int status) =>
        new($@"(?m)^\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\dZ info  http: {request} → {status} in \d+ ms$");

    /// <summary>Waits for the command to say where it listens (it says so once the simulator has started).</summary>
    private static async Task<Uri> ListeningAddressAsync(TestConsole output, Task run)
    {
        for (var i = 0; i < 600 && !run.IsCompleted; i++)
        {
            if (Listening().Match(output.Output) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value);
            }

            await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System));
        }

        throw new InvalidOperationException($"the simulator never said where it listens; output so far: {output.Output}");
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex Listening();
}
