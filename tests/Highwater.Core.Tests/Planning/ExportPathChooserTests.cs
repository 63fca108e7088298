using Highwater.Core.Capabilities;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Core.Tests.Planning;

public class ExportPathChooserTests
{
    [Fact]
    public void Choose_ServiceWithoutABulkPath_IsNull() =>
        Assert.Null(ExportPathChooser.Choose(KnownServices.Marketo, SyncMode.Sync, records: 5000, lookups: 5000));

    [Fact]
    public void Choose_NothingToWrite_IsNull() =>
        Assert.Null(ExportPathChooser.Choose(KnownServices.Pardot, SyncMode.Sync, records: 0, lookups: 0));

    [Theory]
    // 2,000 never exported: 2,000 lookups + 40 writes against one job of 1 upload + 4.
    [InlineData(2000, 2000, ExportPath.Bulk, 2040, 5)]
    // 2,000 whose ids are known: 40 batch calls still cost more than a 5-request job.
    [InlineData(2000, 0, ExportPath.Bulk, 40, 5)]
    // 200 known ids: 4 batch calls beat a 5-request job.
    [InlineData(200, 0, ExportPath.Batch, 4, 5)]
    // 199 never exported: dearer by lookups, but fewer than the 200 a job is worth.
    [InlineData(199, 199, ExportPath.Batch, 203, 5)]
    // 25,000 rows: three uploads of 10,000.
    [InlineData(25_000, 25_000, ExportPath.Bulk, 25_500, 7)]
    public void Choose_ByCost(int records, int lookups, ExportPath path, int batch, int bulk)
    {
        var choice = ExportPathChooser.Choose(KnownServices.Pardot, SyncMode.Sync, records, lookups)!;

        Assert.Equal((path, batch, bulk), (choice.Path, choice.BatchRequests, choice.BulkRequests));
        Assert.Equal(records, choice.Records);
    }

    [Fact]
    public void Choose_Enrich_KeepsTheBatchPath_SinceAJobWouldCreate()
    {
        var choice = ExportPathChooser.Choose(KnownServices.Pardot, SyncMode.Enrich, records: 5000, lookups: 5000)!;

        Assert.Equal(ExportPath.Batch, choice.Path);
        Assert.True(choice.Saved < 0);
    }

    [Fact]
    public void Choose_LookupsSharedWithOtherKeys_CountOnlyTheCallsTheyAdd()
    {
        // Lookups of 300 keys a call: 100 more keys beside 250 others add one call, not two.
        var capabilities = KnownServices.Marketo with { BulkUpsert = new BulkUpsertCapability(1, 1000, 1000, 10), Membership = new MembershipCapability(MembershipStyle.None) };

        var choice = ExportPathChooser.Choose(capabilities, SyncMode.Sync, records: 100, lookups: 100, otherLookupKeys: 250)!;

        Assert.Equal(1 + 1, choice.BatchRequests);
        Assert.Equal(ExportPath.Batch, choice.Path);
    }

    [Fact]
    public void Reason_NamesBothCosts()
    {
        var bulk = ExportPathChooser.Choose(KnownServices.Pardot, SyncMode.Sync, 2000, 2000)!;
        var small = ExportPathChooser.Choose(KnownServices.Pardot, SyncMode.Sync, 10, 10)!;

        Assert.Equal("bulk job: 2,000 records for about 5 calls instead of at least 2,040 by lookups and batch calls", bulk.Reason);
        Assert.Contains("fewer than the 200", small.Reason, StringComparison.Ordinal);
        Assert.Equal(2035, bulk.Saved);
    }

    [Fact]
    public void Choose_FromAPlanner_IsWhatPhaseOneDecides()
    {
        var planner = new Planner(KnownServices.Pardot, new PlannerOptions());
        var batch = Enumerable.Range(0, 300).Select(i => Profiles.New($"p{i}", $"u{i}@x.com", Profiles.Fields(("first_name", "A")))).ToList();

        var choice = ExportPathChooser.Choose(planner, batch)!;

        Assert.Equal(ExportPath.Bulk, choice.Path);
        Assert.Equal(300, choice.Records);
    }
}
