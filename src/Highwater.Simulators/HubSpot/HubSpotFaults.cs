namespace Highwater.Simulators.HubSpot;

/// <summary>Faults to inject (the body of <c>POST /_sim/faults</c>); an absent field leaves that fault as it is.</summary>
public sealed record HubSpotFaults
{
    /// <summary>Share of API requests answered 502 without applying anything (0 to 1).</summary>
    public double? ServerErrorRate { get; init; }

    /// <summary>Delay before every API answer, in milliseconds (on the simulator's clock).</summary>
    public int? SlowMillis { get; init; }

    /// <summary>Share of API requests applied and then answered by a dropped connection (0 to 1).</summary>
    public double? DropRate { get; init; }

    /// <summary>Ends every OAuth access token issued so far (a private app's token does not expire and is untouched).</summary>
    public bool? ExpireTokens { get; init; }

    /// <summary>Refuse the credentials (revoked, or the app uninstalled): every API request answers 401 and the token endpoint 400 <c>BAD_REFRESH_TOKEN</c> until set false.</summary>
    public bool? RefuseCredentials { get; init; }

    /// <summary>Requests other integrations spent today against the daily limit.</summary>
    public long? SpentToday { get; init; }

    /// <summary>Requests other integrations made just now, against the rolling 10-second window.</summary>
    public int? SpentTenSeconds { get; init; }
}
