using Spectre.Console.Testing;

namespace Highwater.Cli.Tests.Commands.Validate;

/// <summary>
/// What <c>highwater validate</c> refuses, each with its line and the setting as written: every
/// rule the engine checks when it opens, durations without a unit, settings of another kind, YAML
/// the parser rejects, URLs with a user in them; and what it only warns about.
/// </summary>
public sealed class ValidateRulesTests : IDisposable
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
            deleted: deleted_at
        destinations:
          marketo:
            kind: marketo
            baseUrl: https://123-abc-456.mktorest.com
            credentials:
              clientId: ${MARKETO_CLIENT_ID}
              clientSecret: ${MARKETO_CLIENT_SECRET}
            fields: { email: email, firstName: first_name }
            window: 10m
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("highwater-rules-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

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

    private static string Lines(CliResult result) => result.Output.Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public void Validate_SoundFile_HasNoWarningAndExitsZero()
    {
        var result = Run("validate", "--config", Write(Config));

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("warning", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AdaptiveWindowPastTheEnginesLongest_FailsAtItsLineAsPlanDoes()
    {
        var path = Write(Config.Replace("window: 10m", "window: 3h", StringComparison.Ordinal));
        const string Expected = "destinations.marketo.window: must lie between minWindow 1m and maxWindow 2h in adaptive mode (was 3h); set adaptive: false for a fixed window outside it";

        var validate = Run("validate", "--config", path);
        var plan = Run("plan", "--config", path);

        Assert.Equal(3, validate.ExitCode);
        Assert.StartsWith($"{path}:18 {Expected}\n", Lines(validate), StringComparison.Ordinal);
        Assert.Equal(3, plan.ExitCode);
        Assert.Contains($"{path}:18 {Expected}", plan.Output + plan.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", plan.Output + plan.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FixedWindowOfThreeHours_IsSound()
    {
        var result = Run("validate", "--config", Write(Config.Replace("window: 10m", "window: 3h\n    adaptive: false", StringComparison.Ordinal)));

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Validate_DailyLimitTheReserveTakesWhole_FailsAtTheLimitsLine()
    {
        var path = Write(Config + "\n    limits: { daily: 1 }");

        var result = Run("validate", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{path}:19 destinations.marketo.limits.daily: leaves no call of the limit 1 to spend (was 0.2)\n", Lines(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("window: 1", "destinations.marketo.window: needs a unit: s, m, h or d, like 90s, 15m, 2h or 1d (was 1)")]
    [InlineData("window: 99999999999999999d", "destinations.marketo.window: must be from 10s to 1d (was 99999999999999999d)")]
    [InlineData("window: -5m", "destinations.marketo.window: must be from 10s to 1d (was -5m)")]
    public void Validate_WindowWithoutUnitOrOutOfRange_FailsAtItsLine(string window, string expected)
    {
        var path = Write(Config.Replace("window: 10m", window, StringComparison.Ordinal));

        var result = Run("validate", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{path}:18 {expected}\n", Lines(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PollIntervalWithoutUnit_NamesTheUnits()
    {
        var path = Write(Config.Replace("    deleted: deleted_at\n", "    deleted: deleted_at\n    pollInterval: 1\n", StringComparison.Ordinal));

        var result = Run("validate", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{path}:10 sources.users.pollInterval: needs a unit: s, m, h or d, like 90s, 15m, 2h or 1d (was 1)\n", Lines(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SalesforceWithAMarketoSetting_IsAnUnknownSettingForSalesforce()
    {
        var path = Write(Config.Replace("kind: marketo", "kind: salesforce", StringComparison.Ordinal) + "\n    listFolder: 12");

        var result = Run("validate", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith(
            $"{path}:19 destinations.marketo.listFolder: unknown setting for salesforce (a marketo setting; known: kind, account, baseUrl, credentials, foreignKey, fields, lists, syncMode, onKeyConflict, batchSize, window, adaptive, limits)\n",
            Lines(result),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownCredentialKey_IsReportedAtItsLineWithoutItsValue()
    {
        var path = Write(Config.Replace("      clientSecret: ${MARKETO_CLIENT_SECRET}\n", "      clientSecret: ${MARKETO_CLIENT_SECRET}\n      canaryExtra: canary-literal-value\n", StringComparison.Ordinal));

        var result = Run("validate", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{path}:17 destinations.marketo.credentials.canaryExtra: unknown credential for marketo (known: clientId, clientSecret)\n", Lines(result), StringComparison.Ordinal);
        Assert.DoesNotContain("canary-literal-value", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnclosedFlowSequence_NamesTheLineThatOpensIt()
    {
        var path = Write(Config.Replace("table: users", "table: [users", StringComparison.Ordinal));

        var result = Run("validate", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{path}:5: is not valid YAML: the '[' opened on this line is never closed with ']'\n", Lines(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TabIndent_NamesTheLineOfTheTab()
    {
        var path = Write(Config.Replace("    key: id", "\tkey: id", StringComparison.Ordinal));

        var result = Run("validate", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{path}:6: is not valid YAML: a tab indents this line; YAML indents with spaces only\n", Lines(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadColumnInABlockList_NamesTheColumnsLineAndSettingAsWritten()
    {
        var path = Write(Config.Replace("columns: [email, first_name, plan]", "columns:\n      - email\n      - first name\n      - plan", StringComparison.Ordinal));

        var result = Run("validate", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{path}:10 sources.users.columns[1]: 'first name' is not a valid identifier\n", Lines(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KindsInAnyCase_AreTheSameKinds()
    {
        var path = Write(Config.Replace("kind: sqlite", "kind: SQLite", StringComparison.Ordinal).Replace("kind: marketo", "kind: Marketo", StringComparison.Ordinal));

        var result = Run("validate", "--config", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("is valid: 1 source(s), 0 group(s), 1 destination(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConfigIsAFolder_SaysSoAndExitsAsForAMissingFile()
    {
        var result = Run("validate", "--config", _dir);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{_dir}: is a folder, not a configuration file; name the file, like --config {Path.Combine(_dir, "highwater.yaml")}\n", Lines(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BaseUrlWithUserAndPassword_IsRefusedWithoutRepeatingThem()
    {
        var path = Write(Config.Replace("https://123-abc-456.mktorest.com", "https://canaryuser:canarypass@123-abc-456.mktorest.com", StringComparison.Ordinal));

        var result = Run("validate", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{path}:13 destinations.marketo.baseUrl: holds a user and password; write the URL without them and give the credentials under credentials: as ${{ENV_VAR}} or ${{file:PATH}}\n", Lines(result), StringComparison.Ordinal);
        Assert.DoesNotContain("canary", result.Output + result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NonHttpUrlWithUserInfo_IsPrintedWithoutIt()
    {
        var path = Write(Config.Replace("https://123-abc-456.mktorest.com", "ftp://canaryuser:canarypass@files.example", StringComparison.Ordinal));

        var result = Run("validate", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{path}:13 destinations.marketo.baseUrl: must be an http or https URL (was ftp://***@files.example)\n", Lines(result), StringComparison.Ordinal);
        Assert.DoesNotContain("canary", result.Output + result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MarkModeWithoutDeletedColumn_WarnsAndStillExitsZero()
    {
        var path = Write(Config.Replace("    deleted: deleted_at\n", "", StringComparison.Ordinal));

        var result = Run("validate", "--config", path);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(
            $"warning: {path}:7 sources.users.mark: hard deletes are not seen in mark mode: a row deleted from the table keeps its profile (and its remote records); use diff mode (no mark) or a deleted column (deleted: COLUMN) that marks rows deleted\n",
            Lines(result),
            StringComparison.Ordinal);
        Assert.Contains("is valid", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgresStoreWithALiteralPassword_IsRefusedWithoutRepeatingIt()
    {
        var path = Write("store:\n  postgres: Host=127.0.0.1;Username=app;Password=canary-pg-secret\n" + Config);

        var result = Run("validate", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{path}:2 store.postgres: holds a literal password; put the whole connection in an environment variable and write ${{ENV_VAR}}\n", Lines(result), StringComparison.Ordinal);
        Assert.DoesNotContain("canary", result.Output + result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownTimeZone_NamesTheLineAndAnExample()
    {
        var path = Write(Config + "\n    limits: { timeZone: Mars/Olympus_Mons }");

        var result = Run("validate", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{path}:19 destinations.marketo.limits.timeZone: is not a time zone this machine knows (was Mars/Olympus_Mons; use an IANA name like America/Chicago)\n", Lines(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TableThatIsNotAnIdentifier_IsRefusedBeforeAnySqlIsBuilt()
    {
        var path = Write(Config.Replace("table: users", "table: \"users; DROP TABLE users\"", StringComparison.Ordinal));

        var result = Run("validate", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{path}:5 sources.users.table: 'users; DROP TABLE users' is not a valid identifier\n", Lines(result), StringComparison.Ordinal);
    }
}
