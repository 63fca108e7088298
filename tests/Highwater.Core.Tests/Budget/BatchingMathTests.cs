using Highwater.Connectors.Marketo;
using Highwater.Connectors.Pardot;
using Highwater.Connectors.Salesforce;
using Highwater.Core.Budget;

namespace Highwater.Core.Tests.Budget;

public class BatchingMathTests
{
    private static readonly DailyQuota Marketo = MarketoService.Quota;

    [Fact]
    public void Compute_SeedFirstExample_SeedAlgorithmCosts14AndCarries744UsersAMinute()
    {
        var report = BatchingMath.Compute(KnownServices.Marketo, Marketo, new BudgetScenario { Users = 300, Groups = 5 });

        Assert.Equal([1, 1, 1, 1, 5, 5], report.Seed.Steps.Select(s => s.Calls));
        Assert.Equal(14, report.Seed.Requests);
        var callsPerMinute = 50_000 / 1440.0;
        Assert.Equal(callsPerMinute / 14, report.Seed.BatchesPerMinute, 9);
        Assert.Equal(callsPerMinute / 14 * 300, report.Seed.UsersPerMinute, 9);
        Assert.Equal(2.48, Math.Round(report.Seed.BatchesPerMinute, 2));
        Assert.Equal(744.05, Math.Round(report.Seed.UsersPerMinute, 2));
    }

    [Fact]
    public void Compute_SeedFirstExample_HighwaterPlanIsCheaper()
    {
        var report = BatchingMath.Compute(KnownServices.Marketo, Marketo, new BudgetScenario());

        // Upsert folds update and create into one call and needs no lookup for new users; the
        // lookup is left only for deletions whose id Highwater never learned.
        Assert.Equal(13, report.Highwater.Requests);
        Assert.Equal(0, report.Highwater.Steps.Single(s => s.Step == "Update").Calls);
        Assert.Equal(1, report.Highwater.Steps.Single(s => s.Step == "Upsert").Calls);
        Assert.True(report.Highwater.UsersPerMinute > report.Seed.UsersPerMinute);
    }

    [Fact]
    public void Compute_SeedSecondExample_Costs22NotTheSeeds19()
    {
        var scenario = new BudgetScenario
        {
            Users = 1000,
            Groups = 5,
            DeleteShare = 0.1,
            CreateShare = 0.45,
            JoinShares = [0.5, 0.5, 0.5, 0.2, 0.2],
            LeaveShares = [0.05],
        };

        var report = BatchingMath.Compute(KnownServices.Marketo, Marketo, scenario);

        Assert.Equal([4, 1, 2, 2, 8, 5], report.Seed.Steps.Select(s => s.Calls));
        Assert.Equal(22, report.Seed.Requests);
        Assert.Equal(50_000 / 1440.0 / 22 * 1000, report.Seed.UsersPerMinute, 9);
    }

    [Fact]
    public void Compute_AllLists_AdditionsForEveryGroupShareCalls()
    {
        var report = BatchingMath.Compute(KnownServices.Salesforce, SalesforceService.Quota, new BudgetScenario());

        // 5 groups × 60 joiners = 300 additions in calls of 200; 75 removals in one call of two requests.
        var seed = report.Seed.Steps.ToDictionary(s => s.Step);
        Assert.Equal(2, seed["Add to lists"].Calls);
        Assert.Equal((1, 2), (seed["Remove from lists"].Calls, seed["Remove from lists"].Requests));
    }

    [Fact]
    public void Compute_Inline_ListsCostNothing()
    {
        var report = BatchingMath.Compute(KnownServices.Pardot, PardotService.Quota, new BudgetScenario());

        Assert.Equal(0, report.Highwater.Steps.Single(s => s.Step.StartsWith("Lists", StringComparison.Ordinal)).Requests);
    }

    [Fact]
    public void Compute_Pardot_LargeBatchGoesByOneImportJob_SmallByBatchCalls()
    {
        var large = BatchingMath.Compute(KnownServices.Pardot, PardotService.Quota, new BudgetScenario { Users = 2000, Groups = 3, DeleteShare = 0, CreateShare = 1 });
        var small = BatchingMath.Compute(KnownServices.Pardot, PardotService.Quota, new BudgetScenario { Users = 50, Groups = 3 });

        Assert.Equal(new StepCost("Bulk upsert (import job)", 1, 5), large.Highwater.Steps.Single(s => s.Step.StartsWith("Bulk", StringComparison.Ordinal)));
        Assert.Equal(5, large.Highwater.Requests);
        Assert.Equal(2000, large.Seed.Steps.Single(s => s.Step == "Look up").Requests);
        Assert.Equal(0, small.Highwater.Steps.Single(s => s.Step.StartsWith("Bulk", StringComparison.Ordinal)).Requests);
        Assert.Equal(0, small.Highwater.Steps.Single(s => s.Step.StartsWith("Lists", StringComparison.Ordinal)).Requests);
    }

    [Fact]
    public void Compute_Reserve_LowersTheRatesInProportion()
    {
        var full = BatchingMath.Compute(KnownServices.Marketo, Marketo, new BudgetScenario());
        var reserved = BatchingMath.Compute(KnownServices.Marketo, Marketo, new BudgetScenario(), reserve: 0.2);

        Assert.Equal(full.Seed.UsersPerDay * 0.8, reserved.Seed.UsersPerDay, 6);
    }

    [Fact]
    public void Compute_BadScenario_ReportsEveryProblem()
    {
        var scenario = new BudgetScenario { Users = 0, DeleteShare = 0.7, CreateShare = 0.6, JoinShares = [0.1, 0.2] };

        var ex = Assert.Throws<ArgumentException>(() => BatchingMath.Compute(KnownServices.Marketo, Marketo, scenario, reserve: 1));

        Assert.Contains("users: must be at least 1 (was 0)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("delete-share + create-share", ex.Message, StringComparison.Ordinal);
        Assert.Contains("join-shares: give one share for every group", ex.Message, StringComparison.Ordinal);
        Assert.Contains("reserve: must be at least 0 and below 1", ex.Message, StringComparison.Ordinal);
    }
}
