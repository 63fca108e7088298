namespace Highwater.Simulators.Mailchimp;

/// <summary>Faults to inject (the body of <c>POST /_sim/faults</c>); an absent field leaves that fault as it is.</summary>
public sealed record MailchimpFaults
{
    /// <summary>Share of API requests answered 500 without applying anything (0 to 1).</summary>
    public double? ServerErrorRate { get; init; }

    /// <summary>Delay before every API answer, in milliseconds (on the simulator's clock); a slow answer keeps its connection.</summary>
    public int? SlowMillis { get; init; }

    /// <summary>Share of API requests applied and then answered by a dropped connection (0 to 1).</summary>
    public double? DropRate { get; init; }

    /// <summary>An API key does not expire: accepted for the common shape, and ignored.</summary>
    public bool? ExpireTokens { get; init; }

    /// <summary>Refuse the key (revoked): every API request answers 401 until set false.</summary>
    public bool? RefuseCredentials { get; init; }

    /// <summary>Connections other integrations of the same user hold open, against the 10.</summary>
    public int? OtherConnections { get; init; }
}
