using Highwater.Sources.Polling;
using Highwater.Sources.Reading;

namespace Highwater.Sources.Tests.Polling;

public class RowHashTests
{
    [Fact]
    public void Of_IsStableAcrossReleases()
    {
        // Stored hashes must keep matching after an upgrade, or a look-back would re-export every row.
        var row = new SourceRow("7", "2026-01-01T00:00:00.0000000Z", Properties(("plan", "pro"), ("email", "ann@example.com"), ("note", null), ("name", "Zoë ✓")), Deleted: false);

        Assert.Equal("8E1A4B020069EEFC21E8CED9C38DEAF7", RowHash.Of(row));
    }

    [Fact]
    public void Of_IgnoresColumnOrder_AndTheMark()
    {
        var a = new SourceRow("7", "1", Properties(("a", "1"), ("b", "2")), Deleted: false);
        var b = new SourceRow("7", "2", Properties(("b", "2"), ("a", "1")), Deleted: false);

        Assert.Equal(RowHash.Of(a), RowHash.Of(b));
    }

    [Theory]
    [InlineData("ab", "c", "a", "bc")]
    [InlineData("a", null, "a", "")]
    public void Of_TellsValuesApart(string first, string? firstValue, string second, string? secondValue)
    {
        var a = new SourceRow("7", null, Properties((first, firstValue)), Deleted: false);
        var b = new SourceRow("7", null, Properties((second, secondValue)), Deleted: false);

        Assert.NotEqual(RowHash.Of(a), RowHash.Of(b));
    }

    [Fact]
    public void Of_TellsADeletionApart()
    {
        var properties = Properties(("a", "1"));

        Assert.NotEqual(RowHash.Of(new SourceRow("7", null, properties, false)), RowHash.Of(new SourceRow("7", null, properties, true)));
    }

    [Fact]
    public void Of_ManyLongValues()
    {
        var many = Enumerable.Range(0, 200).Select(i => ($"column{i}", (string?)new string('x', i * 50))).ToArray();
        var row = new SourceRow("7", null, Properties(many), Deleted: false);

        Assert.Equal(RowHash.Of(row), RowHash.Of(row with { Properties = Properties([.. many.Reverse()]) }));
    }

    private static Dictionary<string, string?> Properties(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
