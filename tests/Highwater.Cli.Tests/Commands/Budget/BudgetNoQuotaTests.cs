using System.Text.Json;

namespace Highwater.Cli.Tests.Commands.Budget;

/// <summary>
/// <c>budget</c> for a service with no daily quota (Mailchimp: 10 connections, a 1,000-a-second
/// ceiling): the calls a batch costs, and the time they take at those limits instead of a share of a quota.
/// </summary>
public sealed class BudgetNoQuotaTests
{
    private const string Verdict = "Highwater's plan is 22.22% cheaper than the seed's: 14 calls a batch instead of 18; at the service's limits they take 2.5 s a batch instead of 3.5 s.";

    [Fact]
    public void Budget_NoDailyQuota_NamesTheLimits_AndTimesEachBatchAtThem()
    {
        var result = HighwaterCli.Run("budget", "--service", "mailchimp");

        Assert.Equal((0, ""), (result.ExitCode, result.Errors));
        Assert.Equal("Limits: no daily quota; at most 10 calls at once, 1,000 calls in any 1 s; at 0.25 s a call, at most 40 calls a second (2,400 a minute)", result.OutputLines[1]);

        // Both look up the deleted users whose ids they do not know (a Batch Operation: 4 calls one after another).
        // Seed: that, a delete Batch Operation (4), an update one (4), a create, the 5 lists at once: 14 call times.
        // Highwater: that, the delete operation, one upsert, the 5 lists at once: 10 call times.
        Assert.Equal(["seconds/batch", "3.50", "2.50"], result.Row("seconds/batch"));
        Assert.Equal(["batches/minute", "17.14", "24.00"], result.Row("batches/minute"));
        Assert.Equal(["users/minute", "5,142.86", "7,200.00"], result.Row("users/minute"));
        Assert.Equal(["users/day", "7,405,714.29", "10,368,000.00"], result.Row("users/day"));
        Assert.Equal(Verdict, result.OutputLines[^1]);
    }

    [Fact]
    public void Budget_NoDailyQuota_CallSeconds_ScalesTheTimeAndTheRates()
    {
        var result = HighwaterCli.Run("budget", "--service", "mailchimp", "--call-seconds", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Limits: no daily quota; at most 10 calls at once, 1,000 calls in any 1 s; at 1 s a call, at most 10 calls a second (600 a minute)", result.OutputLines[1]);
        Assert.Equal(["seconds/batch", "14.00", "10.00"], result.Row("seconds/batch"));
        Assert.Equal(["batches/minute", "4.29", "6.00"], result.Row("batches/minute"));
    }

    [Fact]
    public void Budget_NoDailyQuota_Json_HasLimitsInsteadOfAQuota()
    {
        var json = HighwaterCli.Run("budget", "--service", "mailchimp", "--json").Json();

        Assert.Equal(JsonValueKind.Null, json.GetProperty("quota").ValueKind);
        var limits = json.GetProperty("limits");
        Assert.Equal((10, 0.25, 40.0), (limits.GetProperty("concurrency").GetInt32(), limits.GetProperty("callSeconds").GetDouble(), limits.GetProperty("callsPerSecond").GetDouble()));
        Assert.Equal((1000L, 1.0), (limits.GetProperty("windows")[0].GetProperty("calls").GetInt64(), limits.GetProperty("windows")[0].GetProperty("seconds").GetDouble()));
        Assert.Equal(2400, json.GetProperty("callsPerMinute").GetDouble());
        var highwater = json.GetProperty("highwater");
        Assert.Equal((14, 2.5, 24.0), (highwater.GetProperty("requests").GetInt32(), highwater.GetProperty("secondsPerBatch").GetDouble(), highwater.GetProperty("batchesPerMinute").GetDouble()));
    }

    [Fact]
    public void Budget_WithADailyQuota_Json_HasNoLimitsOrSeconds()
    {
        var json = HighwaterCli.Run("budget", "--service", "marketo", "--json").Json();

        Assert.Equal(50_000, json.GetProperty("quota").GetProperty("callsPerDay").GetInt32());
        Assert.False(json.TryGetProperty("limits", out _));
        Assert.False(json.GetProperty("highwater").TryGetProperty("secondsPerBatch", out _));
    }

    [Fact]
    public void Budget_NoDailyQuota_QuotaGiven_SharesItOutAsBefore()
    {
        var result = HighwaterCli.Run("budget", "--service", "mailchimp", "--quota", "14400", "--reserve", "0.5");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Quota: 14,400 calls a day (set with --quota); 50% kept for other integrations leaves 5.00 calls a minute on average", result.OutputLines[1]);
        Assert.DoesNotContain(result.OutputLines, line => line.StartsWith("| seconds/batch", StringComparison.Ordinal));
    }

    [Fact]
    public void Budget_NoDailyQuota_ReserveWithoutAQuota_AndABadCallTime_ReportedTogether_ExitCode2()
    {
        var result = HighwaterCli.Run("budget", "--service", "mailchimp", "--reserve", "0.2", "--call-seconds", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            [
                "Error: --reserve: shares out a daily quota, and mailchimp has none (give --quota to share one out)",
                "Error: --call-seconds: must be more than 0 and at most 3600 (was 0)",
            ],
            result.ErrorLines);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Budget_CallSecondsNotANumber_NamesTheOption_ExitCode2()
    {
        var result = HighwaterCli.Run("budget", "--service", "mailchimp", "--call-seconds", "fast");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["Error: --call-seconds: must be a number like 0.25 (was 'fast')"], result.ErrorLines);
    }
}
