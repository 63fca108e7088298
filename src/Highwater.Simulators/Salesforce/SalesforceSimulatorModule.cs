using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Salesforce;

/// <summary>Starts the Salesforce simulator: 100,000 calls per rolling 24 hours unless told otherwise.</summary>
public sealed class SalesforceSimulatorModule : ISimulatorModule
{
    /// <inheritdoc />
    public string Service => "salesforce";

    /// <inheritdoc />
    public SimulatorHarness Harness { get; } = new()
    {
        Title = "Salesforce",
        Limits = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{new SalesforceSimulatorOptions().DailyApiRequests:N0} calls per rolling 24 hours; collections of 200"),
        Fields = new SimulatorFields("Email", "FirstName", "LastName", "Title", "MailingCountry") { LastNameRequired = true },
        DailyQuota = new SalesforceSimulatorOptions().DailyApiRequests,
        Credentials = Credentials(new SalesforceSimulatorOptions()),
        RecordId = n => ScenarioContactId(n + 1),
    };

    /// <inheritdoc />
    public async Task<RunningSimulator> StartAsync(SimulatorStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var options = new SalesforceSimulatorOptions { Port = start.Port, Logging = start.Logging, TimeProvider = start.Time ?? TimeProvider.System };
        if (start.DailyQuota is { } allocation)
        {
            options.DailyApiRequests = allocation;
        }

        var simulator = await SalesforceSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new RunningSimulator(
            simulator,
            simulator.BaseAddress,
            Credentials(options),
            $"client id {options.ClientId}, client secret {options.ClientSecret}");
    }

    private static Dictionary<string, string> Credentials(SalesforceSimulatorOptions options) =>
        new(StringComparer.Ordinal) { ["clientId"] = options.ClientId, ["clientSecret"] = options.ClientSecret };

    /// <summary>An 18-character Contact id (key prefix 003) in Salesforce's format, the last three characters its case-safe checksum, as the shipped scenarios seed them.</summary>
    internal static string ScenarioContactId(int n)
    {
        var id15 = "0035g00000" + n.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
        var suffix = new char[3];
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var flags = 0;
            for (var i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id15[(chunk * 5) + i]))
                {
                    flags |= 1 << i;
                }
            }

            suffix[chunk] = Alphabet[flags];
        }

        return id15 + new string(suffix);
    }
}
