namespace Highwater.Cli.Tests.Mailchimp;

/// <summary><c>budget --service mailchimp</c>: Mailchimp has no daily quota (BudgetNoQuotaTests times its batches at its limits); with one given, the budget shares it out and prices the calls through the module.</summary>
public sealed class BudgetMailchimpTests
{
    [Fact]
    public void Budget_WithAQuota_DeletesOfUnknownIdsLookedUp_OneUpsertABatch_DeletesAsABatchOperation()
    {
        var result = HighwaterCli.Run("budget", "--service", "mailchimp", "--quota", "100000");

        Assert.Equal(0, result.ExitCode);
        // The budget's batch has deleted users whose ids Highwater does not know: their addresses are
        // looked up (one Batch Operation) so only a member that is there, and theirs, is archived.
        Assert.Contains(result.OutputLines, l => l.StartsWith("| Look up ", StringComparison.Ordinal) && l.EndsWith("|   4 (1 operation) |   4 (1 operation) |", StringComparison.Ordinal));
        Assert.Contains(result.OutputLines, l => l.StartsWith("| Upsert ", StringComparison.Ordinal) && l.EndsWith("|                 1 |", StringComparison.Ordinal));
        Assert.Contains(result.OutputLines, l => l.StartsWith("| Delete ", StringComparison.Ordinal) && l.EndsWith("|   4 (1 operation) |", StringComparison.Ordinal));
    }
}
