using Highwater.Simulators.Modules;

namespace Highwater.Simulators.HubSpot;

/// <summary>Starts the HubSpot simulator: a Starter account's 100 requests per 10 s and 250,000 a day unless told otherwise.</summary>
public sealed class HubSpotSimulatorModule : ISimulatorModule
{
    /// <inheritdoc />
    public string Service => "hubspot";

    /// <inheritdoc />
    public async Task<RunningSimulator> StartAsync(SimulatorStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var options = new HubSpotSimulatorOptions { Port = start.Port, Logging = start.Logging, DailyLimit = start.DailyQuota };
        var simulator = await HubSpotSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new RunningSimulator(
            simulator,
            simulator.BaseAddress,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["token"] = options.AccessToken },
            $"private app token {options.AccessToken} (Bearer); {options.Tier} tier, account time zone {options.TimeZone}");
    }
}
