using Highwater.Core.Budget;
using Highwater.Core.Capabilities;

namespace Highwater.Core.Tests;

public class SmokeTests
{
    [Fact]
    public void Budget_SeedFirstExample_Prints14()
    {
        var report = BatchingMath.Compute(KnownServices.Marketo, DailyQuota.Defaults["marketo"], new BudgetScenario());
        Assert.Equal(14, report.Seed.Requests);
        Assert.True(report.Highwater.Requests < 14, string.Join(", ", report.Highwater.Steps));
    }
}
