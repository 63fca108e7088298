namespace Highwater.Simulators.Eloqua;

/// <summary>Faults to inject (the body of <c>POST /_sim/faults</c>); an absent field leaves that fault as it is.</summary>
public sealed record EloquaFaults
{
    /// <summary>Share of API requests answered 503 without applying anything (0 to 1).</summary>
    public double? ServerErrorRate { get; init; }

    /// <summary>Delay before every API answer, in milliseconds (on the simulator's clock).</summary>
    public int? SlowMillis { get; init; }

    /// <summary>Share of API requests applied and then answered by a dropped connection (0 to 1).</summary>
    public double? DropRate { get; init; }

    /// <summary>Basic authentication has no token to expire: accepted for the common shape, and ignored.</summary>
    public bool? ExpireTokens { get; init; }

    /// <summary>
    /// Refuse the credentials (a changed password): every API request answers 401 and the login
    /// service "Not authenticated.". Stays until set false.
    /// </summary>
    public bool? RefuseCredentials { get; init; }

    /// <summary>Requests other integrations spent today against <see cref="EloquaSimulatorOptions.DailyCallLimit"/>.</summary>
    public long? SpentToday { get; init; }

    /// <summary>Polls of a new sync answered <c>pending</c> (the first half) or <c>active</c> before it completes (0: the first poll sees it done).</summary>
    public int? SyncPolls { get; init; }

    /// <summary>The next this-many syncs end in <c>error</c> with a temporary-error log, applying nothing.</summary>
    public int? FailSyncs { get; init; }
}
