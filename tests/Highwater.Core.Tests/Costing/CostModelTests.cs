using Highwater.Core.Capabilities;
using Highwater.Core.Costing;

namespace Highwater.Core.Tests.Costing;

public class CostModelTests
{
    [Theory]
    [InlineData(0, 300, 0)]
    [InlineData(1, 300, 1)]
    [InlineData(300, 300, 1)]
    [InlineData(301, 300, 2)]
    [InlineData(1000, 300, 4)]
    public void Calls_RoundsUpToWholeCalls(int records, int max, int calls) =>
        Assert.Equal(calls, CostModel.Calls(records, max));

    [Fact]
    public void LowerBound_SeedFirstExampleWithSeparateSteps_Is14()
    {
        // The seed's count: 1 lookup, 1 delete, 1 update, 1 create, an add and a remove per group.
        var capabilities = KnownServices.Marketo with { Upsert = null };
        var perGroup = Enumerable.Range(1, 5).ToDictionary(g => $"L{g}", _ => 10);
        var counts = new BatchCounts { LookupKeys = 300, Deletes = 30, ExistingWrites = 180, NewRecords = 90, Adds = perGroup, Removes = perGroup };

        Assert.Equal(14, CostModel.LowerBound(counts, capabilities));
    }

    [Fact]
    public void LowerBound_UpsertMergesUpdatesAndCreates()
    {
        var counts = new BatchCounts { ExistingWrites = 180, NewRecords = 90 };

        Assert.Equal(1, CostModel.LowerBound(counts, KnownServices.Marketo));
        Assert.Equal(2, CostModel.LowerBound(counts, KnownServices.Marketo with { Upsert = null }));
    }

    [Theory]
    [InlineData(MembershipStyle.PerListAndDirection, 5)] // L1: 2 add calls + 1 remove call; L2: 1 + 1
    [InlineData(MembershipStyle.PerList, 3)]             // L1: 250 + 50 = 300 in 2 calls; L2: 50 + 150 = 200 in 1
    [InlineData(MembershipStyle.AllLists, 3)]            // 300 additions in 2 calls; 200 removals in 1
    [InlineData(MembershipStyle.Inline, 0)]
    [InlineData(MembershipStyle.None, 0)]
    public void MembershipRequests_GroupAsTheStyleAllows(MembershipStyle style, int expected)
    {
        var adds = new Dictionary<string, int> { ["L1"] = 250, ["L2"] = 50 };
        var removes = new Dictionary<string, int> { ["L1"] = 50, ["L2"] = 150 };

        var requests = CostModel.MembershipRequests(adds, removes, new MembershipCapability(style, 200));

        Assert.Equal(expected, requests);
    }

    [Fact]
    public void MembershipRequests_RemovalCostsItsOwnRequests()
    {
        var requests = CostModel.MembershipRequests(
            new Dictionary<string, int> { ["L1"] = 1 },
            new Dictionary<string, int> { ["L1"] = 1 },
            KnownServices.Salesforce.Membership);

        Assert.Equal(3, requests); // one addition call, one removal call that queries first
    }

    [Fact]
    public void SplitWrites_KeyChangesFillUpdateCall()
    {
        var split = CostModel.SplitWrites(new BatchCounts { ByIdWrites = 1, ExistingWrites = 299 }, KnownServices.Marketo);

        Assert.Equal((1, 299, 0, 1), (split.UpdateById, split.UpdateExisting, split.Create, split.Requests));
    }

    [Fact]
    public void SplitWrites_NewRecordsNeedingIds_CreatedWhenUpsertAnswersNone()
    {
        // An upsert that answers no ids (as Pardot's v4 batchUpsert would be, were it one by e-mail).
        var capabilities = KnownServices.Pardot with { Upsert = new UpsertCapability(50, ByRemoteId: true, ReturnsIds: false), BulkUpsert = null, Membership = new MembershipCapability(MembershipStyle.PerList, 50) };

        var split = CostModel.SplitWrites(new BatchCounts { NewRecords = 60, NewRecordsNeedingIds = 4 }, capabilities);

        // At least the 4 go by create; filling that create call to its 50 leaves 10 for one upsert.
        Assert.Equal(50, split.Create);
        Assert.Equal(2, split.Requests);
        Assert.Equal(4, CostModel.SplitWrites(new BatchCounts { NewRecords = 60, NewRecordsNeedingIds = 4 }, capabilities with { Create = new BatchCapability(4) }).Create);
    }

    [Fact]
    public void SplitWrites_NoWrites_CostsNothing() =>
        Assert.Equal(0, CostModel.SplitWrites(new BatchCounts(), KnownServices.Eloqua).Requests);

    [Fact]
    public void LowerBound_NeedsAnOperationTheServiceLacks_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => CostModel.LowerBound(new BatchCounts { Deletes = 1 }, KnownServices.Marketo with { Delete = null }));

        Assert.Contains("no delete", ex.Message, StringComparison.Ordinal);
    }
}
