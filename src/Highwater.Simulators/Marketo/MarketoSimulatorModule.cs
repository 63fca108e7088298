using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Marketo;

/// <summary>Starts the Marketo simulator: 100 calls per 20 s, 10 at once, 50,000 a day unless told otherwise.</summary>
public sealed class MarketoSimulatorModule : ISimulatorModule
{
    /// <inheritdoc />
    public string Service => "marketo";

    /// <inheritdoc />
    public SimulatorHarness Harness { get; } = new()
    {
        Title = "Marketo",
        Limits = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"100 calls / 20 s, 10 at once, {new MarketoSimulatorOptions().DailyQuota:N0} a day; batches of 300"),
        Fields = new SimulatorFields("email", "firstName", "lastName", "title", "country"),
        DailyQuota = new MarketoSimulatorOptions().DailyQuota,
        Credentials = Credentials(new MarketoSimulatorOptions()),
        Settings = _ => Settings(),
    };

    /// <inheritdoc />
    public async Task<RunningSimulator> StartAsync(SimulatorStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var options = new MarketoSimulatorOptions { Port = start.Port, Logging = start.Logging, TimeProvider = start.Time ?? TimeProvider.System };
        if (start.DailyQuota is { } quota)
        {
            options.DailyQuota = quota;
        }

        var simulator = await MarketoSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new RunningSimulator(
            simulator,
            simulator.BaseAddress,
            Credentials(options),
            $"client id {options.ClientId}, client secret {options.ClientSecret}",
            Settings());
    }

    private static Dictionary<string, string> Credentials(MarketoSimulatorOptions options) =>
        new(StringComparer.Ordinal) { ["clientId"] = options.ClientId, ["clientSecret"] = options.ClientSecret };

    private static Dictionary<string, string> Settings() =>
        new(StringComparer.Ordinal) { ["listFolder"] = MarketoSimulator.SeedFolderId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
