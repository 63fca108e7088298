using System.Text.Json;
using Highwater.Benchmarks.Histories;
using Highwater.Benchmarks.Scenarios;
using Highwater.Storage.DeadLetters;

namespace Highwater.Engine.Tests.Histories;

/// <summary>The oracle finds each kind of damage in a service's state, and nothing in a correct one.</summary>
public sealed class HistoryOracleTests
{
    private static readonly HistoryService Marketo = HistoryService.Get("marketo");
    private static readonly CrmRecord Outsider = new(1, "crm1@example.com", "Outsider1", "NZ", ["Partners"]);

    private static (History History, SourceModel Model) Source(params SourceOp[] ops)
    {
        var history = new History(1, "marketo", DiffMode: false, [Outsider], [.. ops.Select(o => new OpStep(o))]);
        var model = new SourceModel(history.CrmOnly);
        foreach (var op in ops)
        {
            model.Apply(op);
        }

        return (history, model);
    }

    private static SimRecord Record(string id, string email, string first, string country, params string[] lists) => new()
    {
        Id = id,
        Email = email,
        Fields = new Dictionary<string, JsonElement> { ["firstName"] = JsonSerializer.SerializeToElement(first), ["country"] = JsonSerializer.SerializeToElement(country) },
        Lists = [.. lists],
    };

    private static readonly SimRecord CrmIntact = Record("9", "crm1@example.com", "Outsider1", "NZ", "Partners");

    [Fact]
    public void Differences_ServiceAsTheSourceImplies_None()
    {
        var (history, model) = Source(new SourceOp(HistoryMix.Insert, 1, Text: "u1@example.com", Country: "DE"), new SourceOp(HistoryMix.ChangePlan, 1, Text: "enterprise"));
        var state = new SimState { Records = [CrmIntact, Record("1", "u1@example.com", "First1", "DE", "Paying Customers", "Enterprise Accounts")] };

        Assert.Empty(HistoryOracle.Differences(Marketo, history, model, state, []));
    }

    [Fact]
    public void Differences_FindEachKindOfDamage()
    {
        var (history, model) = Source(
            new SourceOp(HistoryMix.Insert, 1, Text: "u1@example.com", Country: "DE"),
            new SourceOp(HistoryMix.Insert, 2, Text: "u2@example.com", Country: "FR"),
            new SourceOp(HistoryMix.Insert, 3, Text: "u3@example.com", Country: "US"),
            new SourceOp(HistoryMix.TakeCrmAddress, 3, 1),
            new SourceOp(HistoryMix.Insert, 4, Text: "u4@example.com", Country: "US"),
            new SourceOp(HistoryMix.SoftDelete, 4));
        var state = new SimState
        {
            Records =
            [
                Record("9", "crm1@example.com", "First3", "US"),                 // the outsider overwritten by user 3
                Record("1", "u1@example.com", "First1", "DE", "Trial Users"),    // a list user 1's plan does not imply
                Record("2", "u2@example.com", "First2", "FR"),
                Record("5", "u2@example.com", "First2", "FR"),                   // created twice
                Record("4", "u4@example.com", "First4", "US"),                   // a deleted user's record left behind
            ],
        };

        var differences = HistoryOracle.Differences(Marketo, history, model, state, [new DeadLetter(1, "marketo", "2", "rejected", 1, DateTimeOffset.UnixEpoch)]);

        Assert.Contains(differences, d => d.StartsWith("CRM-only record 1 <crm1@example.com> was touched", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("user 3 <crm1@example.com> conflicts with CRM-only record", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("user 1 <u1@example.com>: record 1: lists [Trial Users], expected []", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("user 2 <u2@example.com>: 2 records under the address", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("record 4 <u4@example.com>", StringComparison.Ordinal) && d.Contains("explained by no live user", StringComparison.Ordinal));
    }
}
