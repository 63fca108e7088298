using Highwater.Core.Text;

namespace Highwater.Core.Tests.Text;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0, "0 ms")]
    [InlineData(5_960_111, "596 ms")]
    [InlineData(9_999_000, "1.0 s")]
    [InlineData(48_000_000, "4.8 s")]
    [InlineData(450_000_000, "45 s")]
    [InlineData(650_000_000, "1m 05s")]
    [InlineData(75_000_000_000, "2h 05m")]
    [InlineData(2_736_000_000_000, "3d 04h")]
    [InlineData(-5_960_111, "-596 ms")]
    public void Format_ReadsAsAPersonWouldWriteIt(long ticks, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromTicks(ticks)));
}
