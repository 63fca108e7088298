using Highwater.Core.Capabilities;

namespace Highwater.Core.Tests.Capabilities;

public class BulkUpsertCapabilityTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 5)]
    [InlineData(10_000, 5)]
    [InlineData(10_001, 6)]
    [InlineData(100_000, 14)]
    [InlineData(100_001, 19)] // a second job: its own create, start and polls
    public void RequestsFor_JobsAndUploads(int records, int requests) =>
        Assert.Equal(requests, KnownServices.Pardot.BulkUpsert!.Value.RequestsFor(records));

    [Fact]
    public void Validate_BulkWithMembershipCallsById_IsAProblem()
    {
        var capabilities = KnownServices.Pardot with { Membership = new MembershipCapability(MembershipStyle.PerList, 10) };

        Assert.Contains(capabilities.Validate(), p => p.Contains("memberships must ride on it", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NonPositiveNumbers_NamedEach()
    {
        var capabilities = KnownServices.Pardot with { BulkUpsert = new BulkUpsertCapability(0, 0, 0, 0) };

        Assert.Equal(4, capabilities.Validate().Count(p => p.StartsWith("pardot.bulkUpsert.", StringComparison.Ordinal)));
    }
}
