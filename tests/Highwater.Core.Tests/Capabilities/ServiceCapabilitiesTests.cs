using Highwater.Core.Capabilities;

namespace Highwater.Core.Tests.Capabilities;

public class ServiceCapabilitiesTests
{
    [Fact]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var broken = new ServiceCapabilities
        {
            Service = "broken",
            Lookup = new LookupCapability(0),
            Delete = new BatchCapability(-1),
            Membership = new MembershipCapability(MembershipStyle.PerList, 0),
        };

        var problems = broken.Validate();

        Assert.Contains("broken.lookup.maxKeys: must be at least 1 (was 0)", problems);
        Assert.Contains("broken.delete.maxBatch: must be at least 1 (was -1)", problems);
        Assert.Contains("broken.membership.maxBatch: must be at least 1 (was 0)", problems);
        Assert.Contains(problems, p => p.Contains("update or an upsert", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("create or an upsert", StringComparison.Ordinal));
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public void Validate_MembershipByIdWithUpsertAnsweringNoIds_NeedsLookupAndCreate()
    {
        var capabilities = KnownServices.Pardot with { Create = null, Upsert = new UpsertCapability(50, ByRemoteId: true, ReturnsIds: false), BulkUpsert = null, Membership = new MembershipCapability(MembershipStyle.PerList, 10) };

        Assert.Contains(capabilities.Validate(), p => p.Contains("needs both a lookup and a create", StringComparison.Ordinal));
    }
}
