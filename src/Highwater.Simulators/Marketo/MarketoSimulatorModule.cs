using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Marketo;

/// <summary>Starts the Marketo simulator: 100 calls per 20 s, 10 at once, 50,000 a day unless told otherwise.</summary>
public sealed class MarketoSimulatorModule : ISimulatorModule
{
    /// <inheritdoc />
    public string Service => "marketo";

    /// <inheritdoc />
    public async Task<RunningSimulator> StartAsync(SimulatorStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var options = new MarketoSimulatorOptions { Port = start.Port, Logging = start.Logging };
        if (start.DailyQuota is { } quota)
        {
            options.DailyQuota = quota;
        }

        var simulator = await MarketoSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new RunningSimulator(
            simulator,
            simulator.BaseAddress,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["clientId"] = options.ClientId, ["clientSecret"] = options.ClientSecret },
            $"client id {options.ClientId}, client secret {options.ClientSecret}",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["listFolder"] = MarketoSimulator.SeedFolderId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }
}
