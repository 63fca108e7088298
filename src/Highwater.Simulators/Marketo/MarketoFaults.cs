namespace Highwater.Simulators.Marketo;

/// <summary>
/// Faults to inject; a property left null keeps its current setting.
/// </summary>
/// <remarks>
/// A server error answers HTTP 502 before the request is applied; a dropped connection is cut
/// after the request was applied, so its answer is lost. Slow answers hold their concurrency slot
/// for the delay (measured on the simulator's clock).
/// </remarks>
public sealed record MarketoFaults
{
    /// <summary>Share of REST requests answered HTTP 502 (0 to 1).</summary>
    public double? ServerErrorRate { get; init; }

    /// <summary>Delay added to every REST answer, in milliseconds.</summary>
    public int? SlowMillis { get; init; }

    /// <summary>Share of REST requests whose connection is cut after they were applied (0 to 1).</summary>
    public double? DropRate { get; init; }

    /// <summary>Expire every access token issued so far, now.</summary>
    public bool? ExpireTokens { get; init; }

    /// <summary>
    /// Refuse the credentials (a rotated or revoked client secret): identity answers HTTP 401 and
    /// every token issued so far is invalid (601). Stays until set false.
    /// </summary>
    public bool? RefuseCredentials { get; init; }

    /// <summary>Calls "other integrations" already spent today against the daily quota.</summary>
    public long? SpentToday { get; init; }
}
