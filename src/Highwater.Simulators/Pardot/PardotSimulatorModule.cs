using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Pardot;

/// <summary>Starts the Pardot simulator: 5 calls at once, the Growth edition's 25,000 a day unless told otherwise.</summary>
public sealed class PardotSimulatorModule : ISimulatorModule
{
    /// <inheritdoc />
    public string Service => "pardot";

    /// <inheritdoc />
    public async Task<RunningSimulator> StartAsync(SimulatorStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var options = new PardotSimulatorOptions { Port = start.Port, Logging = start.Logging };
        if (start.DailyQuota is { } calls)
        {
            options.DailyQuota = calls;
        }

        var simulator = await PardotSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new RunningSimulator(
            simulator,
            simulator.BaseAddress,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["clientId"] = options.ClientId,
                ["clientSecret"] = options.ClientSecret,
                ["businessUnitId"] = options.BusinessUnitId,
            },
            $"client id {options.ClientId}, client secret {options.ClientSecret}, business unit {options.BusinessUnitId}",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["loginUrl"] = simulator.BaseAddress.ToString() });
    }
}
