using System.Text.Json.Nodes;

namespace Highwater.Simulators.Hosting;

/// <summary>
/// The faults every simulator takes in <c>POST /_sim/faults</c> (docs/simulators.md); a field left
/// null keeps its setting. A service's own faults (Eloqua's <c>syncPolls</c>) it reads from the body itself.
/// </summary>
internal sealed record CommonFaults
{
    /// <summary>Share (0 to 1) of API requests answered with a server error before anything is applied.</summary>
    public double? ServerErrorRate { get; init; }

    /// <summary>Delay before every API answer, in milliseconds (on the simulator's clock).</summary>
    public int? SlowMillis { get; init; }

    /// <summary>Share (0 to 1) of API requests applied and then answered by a dropped connection.</summary>
    public double? DropRate { get; init; }

    /// <summary>Ends every token or session issued so far (ignored where there is none).</summary>
    public bool? ExpireTokens { get; init; }

    /// <summary>Refuses every credential from now on, until set false.</summary>
    public bool? RefuseCredentials { get; init; }

    /// <summary>Calls other integrations spent today against the daily quota.</summary>
    public long? SpentToday { get; init; }

    /// <summary>The common fields of a faults body.</summary>
    /// <exception cref="InvalidOperationException">A field of the wrong type.</exception>
    public static CommonFaults From(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new CommonFaults
        {
            ServerErrorRate = body["serverErrorRate"]?.GetValue<double>(),
            SlowMillis = body["slowMillis"]?.GetValue<int>(),
            DropRate = body["dropRate"]?.GetValue<double>(),
            ExpireTokens = body["expireTokens"]?.GetValue<bool>(),
            SpentToday = body["spentToday"]?.GetValue<long>(),
            RefuseCredentials = body["refuseCredentials"]?.GetValue<bool>(),
        };
    }
}
