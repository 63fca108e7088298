using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Eloqua;

/// <summary>Starts the Eloqua simulator: the Bulk API's hourly limits, and a contract's daily limit only when given one.</summary>
public sealed class EloquaSimulatorModule : ISimulatorModule
{
    /// <inheritdoc />
    public string Service => "eloqua";

    /// <inheritdoc />
    public async Task<RunningSimulator> StartAsync(SimulatorStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);

        // Eloqua publishes no daily limit; a daily quota sets a contract's (the seed's is 2,000).
        var options = new EloquaSimulatorOptions { Port = start.Port, Logging = start.Logging, DailyCallLimit = start.DailyQuota };
        var simulator = await EloquaSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new RunningSimulator(
            simulator,
            simulator.BaseAddress,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["company"] = options.Company,
                ["username"] = options.Username,
                ["password"] = options.Password,
            },
            $"Basic {options.Company}\\{options.Username}, password {options.Password}; login and pod at the same address");
    }
}
