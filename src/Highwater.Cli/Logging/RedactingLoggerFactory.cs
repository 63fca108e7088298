using Microsoft.Extensions.Logging;

namespace Highwater.Cli.Logging;

/// <summary>
/// A logger factory whose loggers pass every message through <see cref="CredentialRedactor"/>
/// before the providers see it: what the CLI's commands and simulators log with.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
