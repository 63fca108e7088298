namespace Highwater.Connectors.Transport;

/// <summary>Why a request got no answer.</summary>
internal enum TransportFaultKind
{
    /// <summary>The service was not reached (no connection, no name): nothing was sent.</summary>
    Unreachable,

    /// <summary>The connection broke after the request went out, or while its answer came.</summary>
    Lost,

    /// <summary>The HTTP client's time-out passed before the answer came (the caller did not cancel).</summary>
    TimedOut,
}
