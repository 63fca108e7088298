using Highwater.Cli.Commands.Run;

namespace Highwater.Cli.Tests.Commands.Run;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 16)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(100, 300)]
    public void RetryBackoff_DoublesFromOneSecondUpToFiveMinutes(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryBackoff.After(failures));
}
