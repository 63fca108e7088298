using Highwater.Sources.Reading;
using Highwater.Sources.Reading.Values;

namespace Highwater.Sources.Tests.Reading.Values;

public sealed class MarkTextTests
{
    [Theory]
    [InlineData("2024-05-06T07:08:09.1234567Z", "2024-05-06T07:08:09.1234567Z")]
    [InlineData("2024-05-06T07:08:09Z", "2024-05-06T07:08:09.0000000Z")]
    [InlineData("2024-05-06 07:08:09.5", "2024-05-06T07:08:09.5000000Z")]
    [InlineData("2024-05-06T09:08:09+02:00", "2024-05-06T07:08:09.0000000Z")]
    public void ParseTimestamp_IsoText_IsUtc(string mark, string canonical)
    {
        var utc = MarkText.ParseTimestamp(mark);

        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(canonical, TimestampText.From(utc));
    }

    [Theory]
    [InlineData("05/06/2024")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void ParseTimestamp_NotIso_IsRefused(string mark)
    {
        Assert.Throws<ArgumentException>(() => MarkText.ParseTimestamp(mark));
    }

    [Theory]
    [InlineData("10000000000", 10_000_000_000L)]
    [InlineData("-5", -5L)]
    public void ParseInteger_InvariantDecimal_Reads(string mark, long value)
    {
        Assert.Equal(value, MarkText.ParseInteger(mark));
    }

    [Theory]
    [InlineData("1,000")]
    [InlineData("1.5")]
    [InlineData("ten")]
    public void ParseInteger_NotAWholeNumber_IsRefused(string mark)
    {
        Assert.Throws<ArgumentException>(() => MarkText.ParseInteger(mark));
    }

    [Fact]
    public void From_TimestampText_IsMadeCanonical()
    {
        Assert.Equal("2024-05-06T07:08:09.1230000Z", MarkText.From("2024-05-06T07:08:09.123Z", MarkKind.Timestamp));
        Assert.Equal("42", MarkText.From(42L, MarkKind.Integer));
        Assert.Null(MarkText.From(DBNull.Value, MarkKind.Timestamp));
    }
}
