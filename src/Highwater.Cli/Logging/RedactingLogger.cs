using Microsoft.Extensions.Logging;

namespace Highwater.Cli.Logging;

/// <summary>
/// Logs the redacted text of each message, and of its exception, in place of the message's state:
/// no provider can print a structured value (a URL, a connection string) unredacted.
/// </summary>
internal sealed class RedactingLogger(ILogger inner, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(formatter);
        string? request = null;
        if (category == RequestLine.Category && RequestLine.TryFormat(state, out request) && request is null)
        {
            return;
        }

        var message = CredentialRedactor.Redact(request ?? LogMessageText.Render(state, exception, formatter));
        var failure = exception is null ? null : new RedactedException(exception);
        inner.Log(logLevel, eventId, message, failure, static (text, _) => text);
    }
}
