using System.Globalization;
using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Mailchimp;

/// <summary>Starts the Mailchimp simulator: one audience, 10 simultaneous connections, no daily quota.</summary>
public sealed class MailchimpSimulatorModule : ISimulatorModule
{
    /// <inheritdoc />
    public string Service => "mailchimp";

    /// <inheritdoc />
    /// <remarks>
    /// Mailchimp has no daily quota: <see cref="SimulatorHarness.DailyQuota"/> is <see cref="long.MaxValue"/>,
    /// which the simulator never meets (it ignores <see cref="SimulatorStart.DailyQuota"/>). A record's id
    /// is the subscriber hash of its e-mail: <see cref="SimulatorHarness.RecordId"/> gives the hash of the
    /// <c>n</c>th e-mail a scenario seeds (<c>p00001@example.com</c> first).
    /// </remarks>
    public SimulatorHarness Harness { get; } = new()
    {
        Title = "Mailchimp",
        Limits = string.Create(CultureInfo.InvariantCulture, $"{new MailchimpSimulatorOptions().MaxConnections} connections at once, no daily quota; batches of {new MailchimpSimulatorOptions().MaxBatch}"),
        Fields = new SimulatorFields(MailchimpSimulator.EmailTag, "FNAME", "LNAME", "TITLE", "COUNTRY"),
        DailyQuota = long.MaxValue,
        Credentials = Credentials(new MailchimpSimulatorOptions()),
        Settings = _ => Settings(new MailchimpSimulatorOptions()),
        RecordId = n => MailchimpSimulator.Hash(string.Create(CultureInfo.InvariantCulture, $"p{n + 1:D5}@example.com")),
    };

    /// <inheritdoc />
    public async Task<RunningSimulator> StartAsync(SimulatorStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var options = new MailchimpSimulatorOptions { Port = start.Port, Logging = start.Logging, TimeProvider = start.Time ?? TimeProvider.System };

        // The audience the harnesses export to has every merge field they name (the demo, the
        // scenarios and the histories write TITLE and COUNTRY, which a new audience lacks).
        foreach (var tag in (string[])[Harness.Fields.FirstName, Harness.Fields.LastName, Harness.Fields.Title, Harness.Fields.Country])
        {
            if (!options.MergeFields.Contains(tag))
            {
                options.MergeFields.Add(tag);
            }
        }

        var simulator = await MailchimpSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new RunningSimulator(
            simulator,
            simulator.BaseAddress,
            Credentials(options),
            $"API key {options.ApiKey} (Basic auth, any user name); audience {options.ListId}; {options.MaxConnections} connections at once, no daily quota",
            Settings(options));
    }

    private static Dictionary<string, string> Credentials(MailchimpSimulatorOptions options) =>
        new(StringComparer.Ordinal) { ["apiKey"] = options.ApiKey };

    private static Dictionary<string, string> Settings(MailchimpSimulatorOptions options) =>
        new(StringComparer.Ordinal) { ["listId"] = options.ListId };
}
