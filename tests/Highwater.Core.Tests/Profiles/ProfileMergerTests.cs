using Highwater.Core.Groups;
using Highwater.Core.Profiles;

namespace Highwater.Core.Tests.Profiles;

/// <summary>The merge rules of primary and enrich sources: only a primary row decides whether a profile exists.</summary>
public class ProfileMergerTests
{
    private static readonly ProfileMerger Merger = new(new GroupEvaluator(
        [new GroupDefinition { Name = "acme", Rule = new Comparison("company", ComparisonOperator.Equal, "Acme") }],
        TimeProvider.System));

    private static readonly DestinationScope Marketo = new("marketo", new HashSet<string> { "email", "company" }, new HashSet<string> { "acme" });

    private static Dictionary<string, string?> Row(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    [Fact]
    public void Enrich_BeforeAnyPrimaryRow_WaitsDeleted_AndNoDestinationExportsIt()
    {
        var waiting = Merger.Enrich(null, "u1", Row(("company", "Acme")), previous: null);

        Assert.True(waiting.Deleted);
        Assert.Equal("Acme", waiting.Properties["company"]);
        Assert.False(Marketo.Affects(null, waiting));
    }

    [Fact]
    public void Merge_PrimaryRowAfterAWaitingEnrichRow_ExportsTheProfileWithBoth()
    {
        var waiting = Merger.Enrich(null, "u1", Row(("company", "Acme")), previous: null);

        var live = Merger.Merge(waiting, "u1", Row(("email", "a@x.com")), deleted: false);

        Assert.False(live.Deleted);
        Assert.Equal(("a@x.com", "Acme"), (live.Properties["email"], live.Properties["company"]));
        Assert.Equal(["acme"], live.Groups);
        Assert.True(Marketo.Affects(waiting, live));
    }

    [Fact]
    public void Enrich_OfASoftDeletedProfile_LeavesItDeleted_AndCostsNothing()
    {
        var deleted = Merger.Merge(null, "u1", Row(("email", "a@x.com")), deleted: true);

        var after = Merger.Enrich(deleted, "u1", Row(("company", "Acme")), previous: null);

        Assert.True(after.Deleted);
        Assert.False(Marketo.Affects(deleted, after));
    }

    [Fact]
    public void Enrich_OfALiveProfile_KeepsItLive_AndMergesItsProperties()
    {
        var live = Merger.Merge(null, "u1", Row(("email", "a@x.com")), deleted: false);

        var after = Merger.Enrich(live, "u1", Row(("company", "Acme")), previous: null);

        Assert.False(after.Deleted);
        Assert.Equal(("a@x.com", "Acme"), (after.Properties["email"], after.Properties["company"]));
        Assert.True(Marketo.Affects(live, after));
    }

    [Fact]
    public void Withdraw_RemovesOnlyTheEnrichRowsProperties_AndTheProfileStaysLive()
    {
        var live = Merger.Merge(null, "u1", Row(("email", "a@x.com")), deleted: false);
        var enriched = Merger.Enrich(live, "u1", Row(("company", "Acme")), previous: null);

        var after = Merger.Withdraw(enriched, Row(("company", "Acme")));

        Assert.False(after.Deleted);
        Assert.Equal(Row(("email", "a@x.com")), after.Properties);
        Assert.Empty(after.Groups);
        Assert.True(Marketo.Affects(enriched, after));
    }

    [Fact]
    public void Withdraw_OfADeletedProfile_LeavesItDeleted()
    {
        var waiting = Merger.Enrich(null, "u1", Row(("company", "Acme")), previous: null);

        var after = Merger.Withdraw(waiting, Row(("company", "Acme")));

        Assert.True(after.Deleted);
        Assert.Empty(after.Properties);
        Assert.False(Marketo.Affects(waiting, after));
    }

    [Fact]
    public void Withdraw_KeepsAValueAnotherSourceWroteSince()
    {
        var enriched = Merger.Enrich(Merger.Merge(null, "u1", Row(("email", "a@x.com")), false), "u1", Row(("company", "Acme")), previous: null);
        var primaryWroteIt = Merger.Merge(enriched, "u1", Row(("company", "Initech")), deleted: false);

        var after = Merger.Withdraw(primaryWroteIt, Row(("company", "Acme")));

        Assert.Equal("Initech", after.Properties["company"]);
    }

    [Fact]
    public void Enrich_APropertyTheRowNoLongerGives_IsTakenBack()
    {
        var live = Merger.Merge(null, "u1", Row(("email", "a@x.com")), deleted: false);
        var first = Merger.Enrich(live, "u1", Row(("company", "Acme"), ("industry", "tools")), previous: null);

        var after = Merger.Enrich(first, "u1", Row(("company", "Acme")), previous: Row(("company", "Acme"), ("industry", "tools")));

        Assert.False(after.Properties.ContainsKey("industry"));
        Assert.Equal("Acme", after.Properties["company"]);
    }

    [Fact]
    public void Merge_PrimaryRowDecidesDeletion_WhateverTheEnrichRowsSaid()
    {
        var enriched = Merger.Enrich(Merger.Merge(null, "u1", Row(("email", "a@x.com")), false), "u1", Row(("company", "Acme")), previous: null);

        var deleted = Merger.Merge(enriched, "u1", Row(("email", "a@x.com")), deleted: true);
        var enrichedAgain = Merger.Enrich(deleted, "u1", Row(("company", "Acme Inc")), previous: Row(("company", "Acme")));

        Assert.True(deleted.Deleted);
        Assert.True(enrichedAgain.Deleted);
        Assert.False(Marketo.Affects(deleted, enrichedAgain));
    }
}
