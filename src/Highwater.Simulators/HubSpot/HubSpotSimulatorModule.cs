using System.Globalization;
using Highwater.Simulators.Modules;

namespace Highwater.Simulators.HubSpot;

/// <summary>Starts the HubSpot simulator: a Starter account's 100 requests per 10 s and 250,000 a day unless told otherwise.</summary>
public sealed class HubSpotSimulatorModule : ISimulatorModule
{
    /// <inheritdoc />
    public string Service => "hubspot";

    /// <inheritdoc />
    public SimulatorHarness Harness { get; } = new()
    {
        Title = "HubSpot",
        Limits = string.Create(CultureInfo.InvariantCulture, $"100 calls / 10 s, {new HubSpotSimulatorOptions().Limits().Daily:N0} a day from midnight America/New_York (Starter), search 5 / s; batches of 100"),
        Fields = new SimulatorFields("email", "firstname", "lastname", "jobtitle", "country"),
        DailyQuota = new HubSpotSimulatorOptions().Limits().Daily,
        Credentials = Credentials(new HubSpotSimulatorOptions()),
        TimeZone = new HubSpotSimulatorOptions().TimeZone,
    };

    /// <inheritdoc />
    public async Task<RunningSimulator> StartAsync(SimulatorStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var options = new HubSpotSimulatorOptions { Port = start.Port, Logging = start.Logging, DailyLimit = start.DailyQuota, TimeProvider = start.Time ?? TimeProvider.System };
        var simulator = await HubSpotSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new RunningSimulator(
            simulator,
            simulator.BaseAddress,
            Credentials(options),
            $"private app token {options.AccessToken} (Bearer); {options.Tier} tier, account time zone {options.TimeZone}");
    }

    private static Dictionary<string, string> Credentials(HubSpotSimulatorOptions options) =>
        new(StringComparer.Ordinal) { ["token"] = options.AccessToken };
}
