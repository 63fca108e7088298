using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
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
