using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Eloqua;

/// <summary>Starts the Eloqua simulator: the Bulk API's hourly limits, and a contract's daily limit only when given one.</summary>
public sealed class EloquaSimulatorModule : ISimulatorModule
{
    /// <inheritdoc />
    public string Service => "eloqua";

    /// <inheritdoc />
    /// <remarks>Harnesses give it the seed's contract of 2,000 calls a day; scenarios poll its syncs every 10 ms (at most 50 ms apart).</remarks>
    public SimulatorHarness Harness { get; } = new()
    {
        Title = "Eloqua",
        Limits = "the Bulk API's hourly limits, a contract's 2,000 calls a day",
        Fields = new SimulatorFields("emailAddress", "firstName", "lastName", "title", "country"),
        DailyQuota = 2_000,
        Credentials = Credentials(new EloquaSimulatorOptions()),
        JobPollInterval = TimeSpan.FromMilliseconds(10),
        RecordId = n => (1986200 + n).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    public async Task<RunningSimulator> StartAsync(SimulatorStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);

        // Eloqua publishes no daily limit; a daily quota sets a contract's (the seed's is 2,000).
        var options = new EloquaSimulatorOptions { Port = start.Port, Logging = start.Logging, DailyCallLimit = start.DailyQuota, TimeProvider = start.Time ?? TimeProvider.System };
        var simulator = await EloquaSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new RunningSimulator(
            simulator,
            simulator.BaseAddress,
            Credentials(options),
            $"Basic {options.Company}\\{options.Username}, password {options.Password}; login and pod at the same address");
    }

    private static Dictionary<string, string> Credentials(EloquaSimulatorOptions options) => new(StringComparer.Ordinal)
    {
        ["company"] = options.Company,
        ["username"] = options.Username,
        ["password"] = options.Password,
    };
}
