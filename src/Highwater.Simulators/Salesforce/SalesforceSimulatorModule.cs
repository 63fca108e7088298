using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Salesforce;

/// <summary>Starts the Salesforce simulator: 100,000 calls per rolling 24 hours unless told otherwise.</summary>
public sealed class SalesforceSimulatorModule : ISimulatorModule
{
    /// <inheritdoc />
    public string Service => "salesforce";

    /// <inheritdoc />
    public async Task<RunningSimulator> StartAsync(SimulatorStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var options = new SalesforceSimulatorOptions { Port = start.Port, Logging = start.Logging };
        if (start.DailyQuota is { } allocation)
        {
            options.DailyApiRequests = allocation;
        }

        var simulator = await SalesforceSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new RunningSimulator(
            simulator,
            simulator.BaseAddress,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["clientId"] = options.ClientId, ["clientSecret"] = options.ClientSecret },
            $"client id {options.ClientId}, client secret {options.ClientSecret}");
    }
}
