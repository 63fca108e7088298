using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Pardot;

/// <summary>Starts the Pardot simulator: 5 calls at once, the Growth edition's 25,000 a day unless told otherwise.</summary>
public sealed class PardotSimulatorModule : ISimulatorModule
{
    /// <inheritdoc />
    public string Service => "pardot";

    /// <inheritdoc />
    /// <remarks>Scenarios import into the simulator's default campaign and read a running import every second (it waits a second and runs a second).</remarks>
    public SimulatorHarness Harness { get; } = new()
    {
        Title = "Pardot",
        Limits = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"5 calls at once, {new PardotSimulatorOptions().DailyQuota:N0} a day; batches of 50"),
        Fields = new SimulatorFields("email", "first_name", "last_name", "job_title", "country"),
        DailyQuota = new PardotSimulatorOptions().DailyQuota,
        Credentials = Credentials(new PardotSimulatorOptions()),
        Settings = Settings,
        ScenarioSettings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["importCampaignId"] = new PardotSimulatorOptions().DefaultCampaignId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        JobPollInterval = TimeSpan.FromSeconds(1),
    };

    /// <inheritdoc />
    public async Task<RunningSimulator> StartAsync(SimulatorStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var options = new PardotSimulatorOptions { Port = start.Port, Logging = start.Logging, TimeProvider = start.Time ?? TimeProvider.System };
        if (start.DailyQuota is { } calls)
        {
            options.DailyQuota = calls;
        }

        var simulator = await PardotSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new RunningSimulator(
            simulator,
            simulator.BaseAddress,
            Credentials(options),
            $"client id {options.ClientId}, client secret {options.ClientSecret}, business unit {options.BusinessUnitId}",
            Settings(simulator.BaseAddress));
    }

    private static Dictionary<string, string> Credentials(PardotSimulatorOptions options) => new(StringComparer.Ordinal)
    {
        ["clientId"] = options.ClientId,
        ["clientSecret"] = options.ClientSecret,
        ["businessUnitId"] = options.BusinessUnitId,
    };

    /// <summary>Its login is at its own address.</summary>
    private static Dictionary<string, string> Settings(Uri baseAddress) =>
        new(StringComparer.Ordinal) { ["loginUrl"] = baseAddress.ToString() };
}
