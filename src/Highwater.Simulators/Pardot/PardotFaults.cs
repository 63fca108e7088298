namespace Highwater.Simulators.Pardot;

/// <summary>Faults to inject (the body of <c>POST /_sim/faults</c>); a property left null keeps its setting.</summary>
/// <remarks>
/// A server error answers HTTP 500 before the request is applied; a dropped connection is cut after
/// it was applied. Slow answers hold their concurrency slot for the delay (on the simulator's clock).
/// </remarks>
public sealed record PardotFaults
{
    /// <summary>Share of API requests answered HTTP 500 (0 to 1).</summary>
    public double? ServerErrorRate { get; init; }

    /// <summary>Delay added to every API answer, in milliseconds.</summary>
    public int? SlowMillis { get; init; }

    /// <summary>Share of API requests whose connection is cut after they were applied (0 to 1).</summary>
    public double? DropRate { get; init; }

    /// <summary>End every session now: the next request with one is answered code 184.</summary>
    public bool? ExpireTokens { get; init; }

    /// <summary>
    /// Refuse the credentials (a rotated or revoked client secret): every session ends now (184) and
    /// the token endpoint answers invalid_client. Stays until set false.
    /// </summary>
    public bool? RefuseCredentials { get; init; }

    /// <summary>Calls other integrations already spent today against the daily quota.</summary>
    public long? SpentToday { get; init; }
}
