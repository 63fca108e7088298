using Highwater.Cli.Commands.Init;

namespace Highwater.Cli.Tests.Commands.Init;

/// <summary><c>init</c>'s "Next:" lines work as printed, and a folder with only a highwater.yaml (a fresh clone of samples/quickstart) gets its source.</summary>
public sealed class InitCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hw-init-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Init_BaseUrlOnAnotherPort_NextLinesStartTheSimulatorOnThatPort_FromTheProjectFolder()
    {
        var result = HighwaterCli.Run("init", _folder, "--users", "5", "--base-url", "http://127.0.0.1:9123/");

        Assert.Equal(0, result.ExitCode);
        var next = result.OutputLines.SkipWhile(line => line != "Next:").Skip(1).ToArray();
        Assert.Equal(4, next.Length);
        Assert.Equal("cd " + _folder, next[0]);
        Assert.Matches(@"^.+ simulate marketo --port 9123 +# in another terminal: a Marketo to export to$", next[1]);
        Assert.Equal("export MARKETO_CLIENT_ID=sim-client MARKETO_CLIENT_SECRET=sim-secret", next[2]);
        var highwater = next[1][..next[1].IndexOf(" simulate", StringComparison.Ordinal)];
        Assert.Equal($"{highwater} validate && {highwater} plan && {highwater} sync && {highwater} status", next[3]);
        Assert.DoesNotContain("8080", result.Output, StringComparison.Ordinal);
        Assert.Contains("baseUrl: http://127.0.0.1:9123/", File.ReadAllText(Path.Combine(_folder, "highwater.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void NextLines_RemoteMarketo_StartsNoSimulator_AndAsksForTheAccountsCredentials()
    {
        var lines = InitCommand.NextLines(_folder, new Uri("https://123-ABC-456.mktorest.com/"), "highwater");

        Assert.Equal(
            ["cd " + _folder, "export MARKETO_CLIENT_ID=... MARKETO_CLIENT_SECRET=...   # your Marketo API user's", "highwater validate && highwater plan && highwater sync && highwater status"],
            lines);
    }

    [Fact]
    public void Init_FolderWithOnlyAConfiguration_MakesTheSourceAndKeepsTheFile()
    {
        Directory.CreateDirectory(_folder);
        var config = Path.Combine(_folder, "highwater.yaml");
        File.WriteAllText(config, "# mine\n");

        var made = HighwaterCli.Run("init", _folder, "--users", "7");
        var again = HighwaterCli.Run("init", _folder);

        Assert.Equal(0, made.ExitCode);
        Assert.Contains("highwater.yaml   kept as it was", made.Output, StringComparison.Ordinal);
        Assert.Equal("# mine\n", File.ReadAllText(config));
        Assert.True(File.Exists(Path.Combine(_folder, "app.db")));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("init never overwrites one", again.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_ConfigurationKept_AndABaseUrlGiven_IsRefused_NotIgnored()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "highwater.yaml"), "# mine\n");

        var result = HighwaterCli.Run("init", _folder, "--base-url", "http://127.0.0.1:9123/");

        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(_folder, "app.db")));
    }

    [Theory]
    [InlineData("Error: --base-url must be an http or https URL (was ftp://x)", "--base-url", "ftp://x")]
    [InlineData("Error: --users must be 0..10000000 (was -1)", "--users", "-1")]
    public void Init_BadOption_IsAWrongCommandLine_AndWritesNothing(string error, params string[] options)
    {
        var result = HighwaterCli.Run(["init", _folder, .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([error], result.ErrorLines);
        Assert.False(Directory.Exists(_folder));
    }
}
