using Highwater.Core.Groups;
using Highwater.Core.Profiles;

namespace Highwater.Core.Tests.Profiles;

public class ProfileTests
{
    private static readonly ProfileMerger Merger = new(new GroupEvaluator(
        [new GroupDefinition { Name = "pro", Rule = new Comparison("plan", ComparisonOperator.Equal, "pro") }],
        TimeProvider.System));

    private static readonly DestinationScope Marketo = new("marketo", new HashSet<string> { "email", "first_name" }, new HashSet<string> { "pro" });

    [Fact]
    public void Merge_KeepsOtherSourcesProperties_AndRecomputesGroups()
    {
        var fromCrm = Merger.Merge(null, "u1", new Dictionary<string, string?> { ["email"] = "a@x.com", ["first_name"] = "Ann" }, deleted: false);
        var fromBilling = Merger.Merge(fromCrm, "u1", new Dictionary<string, string?> { ["plan"] = "pro" }, deleted: false);

        Assert.Equal("Ann", fromBilling.Properties["first_name"]);
        Assert.Equal(["pro"], fromBilling.Groups);
    }

    [Fact]
    public void Affects_NewProfile_OnlyWhenItShouldExist()
    {
        var profile = Merger.Merge(null, "u1", new Dictionary<string, string?> { ["email"] = "a@x.com" }, deleted: false);

        Assert.True(Marketo.Affects(null, profile));
        Assert.False(Marketo.Affects(null, profile with { Deleted = true }));
    }

    [Fact]
    public void Affects_UnmappedPropertyChange_CostsNothing()
    {
        var before = Merger.Merge(null, "u1", new Dictionary<string, string?> { ["email"] = "a@x.com", ["last_login"] = "1" }, deleted: false);
        var after = Merger.Merge(before, "u1", new Dictionary<string, string?> { ["last_login"] = "2" }, deleted: false);

        Assert.False(Marketo.Affects(before, after));
    }

    [Fact]
    public void Affects_MappedPropertyGroupOrDeletion_Counts()
    {
        var before = Merger.Merge(null, "u1", new Dictionary<string, string?> { ["email"] = "a@x.com", ["plan"] = "free" }, deleted: false);

        Assert.True(Marketo.Affects(before, Merger.Merge(before, "u1", new Dictionary<string, string?> { ["first_name"] = "Ann" }, false)));
        Assert.True(Marketo.Affects(before, Merger.Merge(before, "u1", new Dictionary<string, string?> { ["plan"] = "pro" }, false)));
        Assert.True(Marketo.Affects(before, Merger.Merge(before, "u1", new Dictionary<string, string?>(), true)));
    }
}
