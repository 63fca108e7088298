using Spectre.Console.Testing;

namespace Highwater.Cli.Tests.Commands.Validate;

/// <summary><c>validate</c> and Pardot's <c>importLatencyCalls</c>: what an import job's wait is worth, 0..100,000 calls, Pardot's alone.</summary>
public sealed class ValidatePardotImportLatencyTests : IDisposable
{
    private const string Config = """
        sources:
          users:
            kind: sqlite
            connection: app.db
            table: users
            key: id
            mark: updated_at
            columns: [email, first_name]
            deleted: deleted_at
        destinations:
          pardot:
            kind: pardot
            baseUrl: https://pi.pardot.com/
            credentials: { clientId: "${PARDOT_ID}", clientSecret: "${PARDOT_SECRET}", businessUnitId: "${PARDOT_BU}" }
            fields: { email: email, first_name: first_name }
            importCampaignId: 8245
            importLatencyCalls: VALUE
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("highwater-pardot-latency-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("0")]
    [InlineData("20")]
    [InlineData("100000")]
    public void Validate_InRange_IsValid(string value)
    {
        var result = Run(Write(Config.Replace("VALUE", value, StringComparison.Ordinal)));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("is valid: 1 source(s), 0 group(s), 1 destination(s)", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("100001")]
    [InlineData("lots")]
    public void Validate_OutOfRangeOrNotANumber_FailsAtItsLine(string value)
    {
        var path = Write(Config.Replace("VALUE", value, StringComparison.Ordinal));

        var result = Run(path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{path}:17 destinations.pardot.importLatencyCalls: must be 0..100000 (was {value})\n", Lines(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OnMarketo_IsAnUnknownSettingForMarketo()
    {
        var path = Write(Config.Replace("kind: pardot", "kind: marketo", StringComparison.Ordinal).Replace("    importCampaignId: 8245\n", "", StringComparison.Ordinal).Replace("VALUE", "20", StringComparison.Ordinal));

        var result = Run(path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{path}:16 destinations.pardot.importLatencyCalls: unknown setting for marketo (a pardot setting;", result.Output, StringComparison.Ordinal);
    }

    private static CliResult Run(string path)
    {
        using var output = new TestConsole().Width(1000);
        return HighwaterCli.Run(output, () => output.Output, "validate", "--config", path);
    }

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "highwater.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static string Lines(CliResult result) => result.Output.Replace("\r\n", "\n", StringComparison.Ordinal);
}
