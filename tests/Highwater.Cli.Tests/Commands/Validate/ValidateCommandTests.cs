using Spectre.Console.Testing;

namespace Highwater.Cli.Tests.Commands.Validate;

public sealed class ValidateCommandTests : IDisposable
{
    private const string Config = """
        sources:
          users:
            kind: sqlite
            connection: app.db
            table: users
            key: id
            mark: updated_at
            columns: [email, first_name, plan]
        groups:
          pro:
            rule: { property: plan, op: "=", value: pro }
        destinations:
          marketo:
            kind: marketo
            baseUrl: https://123-abc-456.mktorest.com
            credentials:
              clientId: ${MARKETO_CLIENT_ID}
              clientSecret: ${MARKETO_CLIENT_SECRET}
            fields: { email: email, firstName: first_name }
            lists: { pro: Pro Customers }
            batchSize: 300
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("highwater-validate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Runs on a console wide enough that no problem line wraps.</summary>
    private static CliResult Run(params string[] args)
    {
        using var output = new TestConsole().Width(1000);
        return HighwaterCli.Run(output, () => output.Output, args);
    }

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "highwater.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Validate_SoundFile_SaysWhatItHoldsAndExitsZero()
    {
        var result = Run("validate", "--config", Write(Config));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("is valid: 1 source(s), 1 group(s), 1 destination(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_PrintsEachWithLineAndSettingAndExitsThree()
    {
        var path = Write(Config
            .Replace("batchSize: 300", "batchSize: 500", StringComparison.Ordinal)
            .Replace("clientSecret: ${MARKETO_CLIENT_SECRET}", "clientSecret: swordfish", StringComparison.Ordinal)
            .Replace("    table: users", "    tabel: users", StringComparison.Ordinal));

        var result = Run("validate", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{path}:21 destinations.marketo.batchSize: must be 1..300 (was 500)", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{path}:18 destinations.marketo.credentials.clientSecret: is a literal secret", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{path}:5 sources.users.tabel: unknown setting", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("swordfish", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFile_SaysItCannotBeRead()
    {
        var path = Path.Combine(_dir, "absent.yaml");

        var result = Run("validate", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{path}: cannot be read: Could not find file '{path}'.", result.Output, StringComparison.Ordinal);
    }
}
