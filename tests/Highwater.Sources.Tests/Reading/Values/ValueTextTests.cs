using System.Globalization;
using System.Numerics;
using Highwater.Sources.Reading.Values;

namespace Highwater.Sources.Tests.Reading.Values;

public sealed class ValueTextTests
{
    public static TheoryData<object?, string?> Values => new()
    {
        { null, null },
        { DBNull.Value, null },
        { "", "" },
        { "héllo", "héllo" },
        { true, "true" },
        { false, "false" },
        { 42, "42" },
        { -7L, "-7" },
        { (short)3, "3" },
        { (byte)255, "255" },
        { ulong.MaxValue, "18446744073709551615" },
        { 12.50m, "12.50" },
        { -0.001m, "-0.001" },
        { 0.1, "0.1" },
        { 1.0 / 3, "0.3333333333333333" },
        { 1e21, "1E+21" },
        { 0.1f, "0.1" },
        { BigInteger.Parse("123456789012345678901234567890", CultureInfo.InvariantCulture), "123456789012345678901234567890" },
        { new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1234567), "2024-05-06T07:08:09.1234567Z" },
        { new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Unspecified), "2024-05-06T07:08:09.0000000Z" },
        { new DateTimeOffset(2024, 5, 6, 9, 8, 9, TimeSpan.FromHours(2)), "2024-05-06T07:08:09.0000000Z" },
        { new DateOnly(1990, 5, 1), "1990-05-01" },
        { new TimeOnly(13, 45, 0), "13:45:00" },
        { TimeSpan.FromMinutes(90), "01:30:00" },
        { Guid.Parse("C0FFEE00-0000-4000-8000-000000000001"), "c0ffee00-0000-4000-8000-000000000001" },
        { new byte[] { 1, 2, 3, 255 }, "AQID/w==" },
        { Array.Empty<byte>(), "" },
        { 'x', "x" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void From_Value_IsInvariantText(object? value, string? expected)
    {
        Assert.Equal(expected, ValueText.From(value));
    }

    [Fact]
    public void From_Double_IsTheSameUnderAnyCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // Invariant globalization allows no named cultures; a comma-decimal one made by hand does.
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("1234.5", ValueText.From(1234.5));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(1.0 / 3)]
    [InlineData(0.1 + 0.2)]
    [InlineData(double.Epsilon)]
    [InlineData(1.7976931348623157E+308)]
    public void From_Double_ReadsBackAsTheSameNumber(double value)
    {
        Assert.Equal(value, double.Parse(ValueText.From(value)!, CultureInfo.InvariantCulture));
    }
}
