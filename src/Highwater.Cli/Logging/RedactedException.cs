namespace Highwater.Cli.Logging;

/// <summary>
/// An exception as a log line prints it (type, message, stack trace), redacted: the original's
/// text may carry a URL or a connection string with a credential in it.
/// </summary>
internal sealed class RedactedException(Exception original) : Exception(CredentialRedactor.Redact(original.Message))
{
    public override string? StackTrace => original.StackTrace is { } trace ? CredentialRedactor.Redact(trace) : null;

    public override string ToString() => CredentialRedactor.Redact(original.ToString());
}
