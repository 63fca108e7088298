namespace Highwater.Storage;

/// <summary>
/// The buffer could not be opened: its server is unreachable, its file cannot be made or read.
/// The message names the store and where it is (<c>buffer (postgres): cannot connect to
/// 127.0.0.1:1</c>), never its credentials; the provider's exception is inside.
/// </summary>
public sealed class BufferUnavailableException : Exception
{
    /// <summary>Creates the exception around the provider's.</summary>
    public BufferUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BufferUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BufferUnavailableException()
    {
    }
}
