namespace Highwater.Sources.Reading;

/// <summary>A source could not be read: unreachable, a missing column, a bad identifier. The message names the source and what is wrong.</summary>
public sealed class SourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SourceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around the provider's.</summary>
    public SourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SourceException()
    {
    }

    /// <summary>Whether trying again later may succeed (the server was unreachable, say).</summary>
    public bool IsTransient { get; init; }
}
