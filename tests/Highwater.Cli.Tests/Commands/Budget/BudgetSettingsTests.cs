namespace Highwater.Cli.Tests.Commands.Budget;

public sealed class BudgetSettingsTests
{
    [Fact]
    public void Budget_EveryProblem_ReportedAtOnceWithExitCode2()
    {
        var result = HighwaterCli.Run(
            "budget", "--users", "0", "--groups", "-1", "--delete-share", "0.8", "--create-share", "0.5", "--known-share", "1.5",
            "--join-shares", "0.5,x", "--leave-shares", "0.1,0.2", "--quota", "0", "--reserve", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal(
            [
                "Error: --service: required; one of eloqua, hubspot, mailchimp, marketo, pardot, salesforce",
                "Error: --users: must be at least 1 (was 0)",
                "Error: --groups: must be 0 or more (was -1)",
                "Error: --delete-share + --create-share: must be at most 1 (was 1.3)",
                "Error: --known-share: must be between 0 and 1 (was 1.5)",
                "Error: --join-shares: must be numbers separated by commas, like 0.5,0.5,0.2 (was '0.5,x')",
                "Error: --leave-shares: give one share for every group or one for all (-1 groups, 2 shares)",
                "Error: --quota: must be at least 1 call a day (was 0)",
                "Error: --reserve: must be at least 0 and below 1 (was 1)",
            ],
            result.ErrorLines);
    }

    [Fact]
    public void Budget_ValuesThatAreNotNumbers_NamedWithTheirOptions()
    {
        var result = HighwaterCli.Run(
            "budget", "--service", "dynamics", "--users", "abc", "--delete-share", "x", "--create-share", "0.95", "--leave-shares", "0.1,,0.2", "--quota", "lots", "--reserve", "NaN");

        Assert.Equal(2, result.ExitCode);

        // --delete-share did not read, so the sum with --create-share is not judged on its default.
        Assert.Equal(
            [
                "Error: --service: must be one of eloqua, hubspot, mailchimp, marketo, pardot, salesforce (was 'dynamics')",
                "Error: --users: must be a whole number (was 'abc')",
                "Error: --delete-share: must be a number like 0.25 (was 'x')",
                "Error: --leave-shares: must be numbers separated by commas, like 0.5,0.5,0.2 (was '0.1,,0.2')",
                "Error: --quota: must be a whole number (was 'lots')",
                "Error: --reserve: must be at least 0 and below 1 (was NaN)",
            ],
            result.ErrorLines);
    }

    [Fact]
    public void Budget_SharesPerGroup_MustMatchTheGroups()
    {
        var result = HighwaterCli.Run("budget", "--service", "marketo", "--groups", "3", "--join-shares", "0.1,0.2", "--leave-shares", "0.1,0.2,0.3");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["Error: --join-shares: give one share for every group or one for all (3 groups, 2 shares)"], result.ErrorLines);
    }

    [Fact]
    public void Budget_CommaListsAndServiceName_ReadLoosely()
    {
        var result = HighwaterCli.Run("budget", "--service", "Marketo", "--groups", "2", "--join-shares", " 0.5, .25", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([0.5, 0.25], result.Json().GetProperty("scenario").GetProperty("joinShares").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Theory]
    [InlineData("--user", "300")]
    [InlineData("--users")]
    public void Budget_UnknownOptionOrMissingValue_ExitsWith2WithoutAStackTrace(params string[] options)
    {
        var result = HighwaterCli.Run(["budget", "--service", "marketo", .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith("Error:", result.Errors.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
    }
}
