using Highwater.Cli.Commands.Shared;
using Microsoft.Extensions.Logging;

namespace Highwater.Cli.Tests.Commands.Shared;

public sealed class CommonSettingsTests
{
    [Theory]
    [InlineData(null, false, null, LogLevel.Warning)]
    [InlineData(null, false, "info", LogLevel.Information)]
    [InlineData(null, false, "nonsense", LogLevel.Warning)]
    [InlineData(null, true, "error", LogLevel.Debug)]
    [InlineData(LogLevel.Trace, true, "error", LogLevel.Trace)]
    [InlineData(LogLevel.None, false, null, LogLevel.None)]
    public void LevelOr_OptionThenVerboseThenEnvironmentThenTheCommandsDefault(LogLevel? option, bool verbose, string? environment, LogLevel expected)
    {
        var settings = option is { } level ? new CommonSettings { LogLevel = level, Verbose = verbose } : new CommonSettings { Verbose = verbose };

        Assert.Equal(expected, settings.LevelOr(LogLevel.Warning, name => name == "HIGHWATER_LOG_LEVEL" ? environment : null));
    }
}
