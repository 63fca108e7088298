namespace Highwater.Cli;

/// <summary>The command line asked for something the engine rejects; reported without a stack trace, exit code 2.</summary>
internal sealed class UsageException(string message, Exception? innerException = null) : Exception(message, innerException);
