using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Mailchimp;

/// <summary>Starts the Mailchimp simulator: one audience, 10 simultaneous connections, no daily quota.</summary>
public sealed class MailchimpSimulatorModule : ISimulatorModule
{
    /// <inheritdoc />
    public string Service => "mailchimp";

    /// <inheritdoc />
    public async Task<RunningSimulator> StartAsync(SimulatorStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var options = new MailchimpSimulatorOptions { Port = start.Port, Logging = start.Logging };
        var simulator = await MailchimpSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new RunningSimulator(
            simulator,
            simulator.BaseAddress,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["apiKey"] = options.ApiKey },
            $"API key {options.ApiKey} (Basic auth, any user name); audience {options.ListId}; 10 connections at once, no daily quota",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["listId"] = options.ListId });
    }
}
