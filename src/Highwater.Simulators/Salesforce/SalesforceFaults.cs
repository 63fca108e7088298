namespace Highwater.Simulators.Salesforce;

/// <summary>Faults to inject (the body of <c>POST /_sim/faults</c>); an absent field leaves that fault as it is.</summary>
public sealed record SalesforceFaults
{
    /// <summary>Share of REST requests answered 500 UNKNOWN_EXCEPTION without applying anything.</summary>
    public double? ServerErrorRate { get; init; }

    /// <summary>Delay before every REST answer, in milliseconds.</summary>
    public int? SlowMillis { get; init; }

    /// <summary>Share of REST requests applied and then answered by a dropped connection.</summary>
    public double? DropRate { get; init; }

    /// <summary>Ends every session now: the next request with it gets INVALID_SESSION_ID.</summary>
    public bool? ExpireTokens { get; init; }

    /// <summary>
    /// Refuse the credentials (a rotated or revoked client secret): every session ends now and the
    /// token endpoint answers invalid_client. Stays until set false.
    /// </summary>
    public bool? RefuseCredentials { get; init; }

    /// <summary>API requests other integrations spent just now (they count in the rolling 24 hours).</summary>
    public long? SpentToday { get; init; }
}
