using Highwater.Core.Groups;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Core.Tests.Groups;

public class GroupEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Props(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    private static bool Matches(GroupRule rule, Dictionary<string, string?> properties) => rule.Matches(properties, Now);

    [Theory]
    [InlineData(ComparisonOperator.Equal, "10", true)]
    [InlineData(ComparisonOperator.Equal, "10.0", true)]   // numbers compare as numbers
    [InlineData(ComparisonOperator.NotEqual, "11", true)]
    [InlineData(ComparisonOperator.Less, "9", false)]
    [InlineData(ComparisonOperator.Less, "100", true)]     // not "10" < "100" by text alone: 10 < 100 as numbers
    [InlineData(ComparisonOperator.LessOrEqual, "10", true)]
    [InlineData(ComparisonOperator.Greater, "9.5", true)]
    [InlineData(ComparisonOperator.GreaterOrEqual, "11", false)]
    public void Comparison_Numbers_CompareAsNumbers(ComparisonOperator op, string value, bool expected) =>
        Assert.Equal(expected, Matches(new Comparison("score", op, value), Props(("score", "10"))));

    [Fact]
    public void Comparison_Text_ComparesOrdinally() =>
        Assert.True(Matches(new Comparison("plan", ComparisonOperator.Less, "pro"), Props(("plan", "basic"))));

    [Fact]
    public void Comparison_Timestamps_CompareAsInstants() =>
        // As text 11:30 > 11:00; as instants 10:30Z is before 11:00Z.
        Assert.False(Matches(
            new Comparison("seen", ComparisonOperator.Greater, "2026-11-27T11:00:00Z"),
            Props(("seen", "2026-11-27T11:30:00+01:00"))));

    [Theory]
    [InlineData(ComparisonOperator.Contains, "ACME", true)]
    [InlineData(ComparisonOperator.StartsWith, "jane@", true)]
    [InlineData(ComparisonOperator.StartsWith, "acme", false)]
    public void Comparison_TextOperators_IgnoreCase(ComparisonOperator op, string value, bool expected) =>
        Assert.Equal(expected, Matches(new Comparison("email", op, value), Props(("email", "Jane@acme.com"))));

    [Theory]
    [InlineData(ComparisonOperator.Equal)]
    [InlineData(ComparisonOperator.NotEqual)]
    [InlineData(ComparisonOperator.Contains)]
    public void Comparison_NullProperty_MeetsNoComparison(ComparisonOperator op)
    {
        Assert.False(Matches(new Comparison("plan", op, "pro"), Props(("plan", null))));
        Assert.False(Matches(new Comparison("plan", op, "pro"), Props()));
    }

    [Fact]
    public void IsNull_AbsentCountsAsNull()
    {
        Assert.True(Matches(new IsNull("plan"), Props()));
        Assert.False(Matches(new IsNull("plan", Negated: true), Props(("plan", null))));
        Assert.True(Matches(new IsNull("plan", Negated: true), Props(("plan", ""))));
    }

    [Fact]
    public void InList_MatchesAnyChoice()
    {
        var rule = new InList("country", ["DE", "FR"]);

        Assert.True(Matches(rule, Props(("country", "FR"))));
        Assert.False(Matches(rule, Props(("country", "US"))));
    }

    [Theory]
    [InlineData("2026-11-20T12:00:00Z", true)]
    [InlineData("2026-10-28T12:00:00Z", true)]   // exactly 30 days
    [InlineData("2026-10-28T11:59:59Z", false)]
    [InlineData("2026-11-28T12:00:00Z", false)]  // the future is not "the last 30 days"
    [InlineData("not a date", false)]
    public void WithinLast_RelativeToNow(string signedUp, bool expected) =>
        Assert.Equal(expected, Matches(new WithinLast("signed_up", TimeSpan.FromDays(30)), Props(("signed_up", signedUp))));

    [Fact]
    public void AllAndAny_Combine()
    {
        var rule = new All([new Comparison("plan", ComparisonOperator.Equal, "pro"), new Any([new Comparison("country", ComparisonOperator.Equal, "DE"), new IsNull("country")])]);

        Assert.True(Matches(rule, Props(("plan", "pro"))));
        Assert.True(Matches(rule, Props(("plan", "pro"), ("country", "DE"))));
        Assert.False(Matches(rule, Props(("plan", "pro"), ("country", "US"))));
        Assert.False(Matches(rule, Props(("plan", "free"))));
    }

    [Fact]
    public void Evaluate_RulesAndPropertyGroups_UsesTheInjectedClock()
    {
        var time = new FakeTimeProvider(Now);
        var evaluator = new GroupEvaluator(
        [
            new GroupDefinition { Name = "recent", Rule = new WithinLast("signed_up", TimeSpan.FromDays(30)) },
            new GroupDefinition { Name = "seg:", FromProperty = "segments" },
        ], time);
        var properties = Props(("signed_up", "2026-11-20T00:00:00Z"), ("segments", "vip; beta;;"));

        Assert.Equal(["recent", "seg:beta", "seg:vip"], evaluator.Evaluate(properties).Order());

        time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(["seg:beta", "seg:vip"], evaluator.Evaluate(properties).Order());
        Assert.Equal(["segments", "signed_up"], evaluator.Properties.Order());
    }

    [Fact]
    public void DependsOnTime_OnlyWithARelativeDateRule_AtAnyDepth()
    {
        var plain = new GroupDefinition { Name = "pro", Rule = new Comparison("plan", ComparisonOperator.Equal, "pro") };
        var nested = new GroupDefinition
        {
            Name = "active-pro",
            Rule = new All([new Comparison("plan", ComparisonOperator.Equal, "pro"), new Any([new IsNull("x"), new WithinLast("seen", TimeSpan.FromDays(30))])]),
        };

        Assert.False(new GroupEvaluator([plain, new GroupDefinition { Name = "seg:", FromProperty = "segments" }], TimeProvider.System).DependsOnTime);
        Assert.True(new GroupEvaluator([plain, nested], TimeProvider.System).DependsOnTime);
    }

    [Fact]
    public void Evaluate_AtAGivenTime_IgnoresTheClock()
    {
        var evaluator = new GroupEvaluator([new GroupDefinition { Name = "recent", Rule = new WithinLast("seen", TimeSpan.FromDays(30)) }], new FakeTimeProvider(Now));
        var properties = Props(("seen", "2026-11-01T00:00:00Z"));

        Assert.Equal(["recent"], evaluator.Evaluate(properties, Now));
        Assert.Empty(evaluator.Evaluate(properties, Now.AddDays(30)));
    }

    [Fact]
    public void Constructor_DefinitionWithNeitherRuleNorProperty_NamesIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new GroupEvaluator([new GroupDefinition { Name = "broken" }], TimeProvider.System));

        Assert.Contains("groups.broken", ex.Message, StringComparison.Ordinal);
    }
}
