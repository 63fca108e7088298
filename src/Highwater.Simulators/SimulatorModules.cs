using Highwater.Simulators.Eloqua;
using Highwater.Simulators.Marketo;
using Highwater.Simulators.Modules;
using Highwater.Simulators.Pardot;
using Highwater.Simulators.Salesforce;

namespace Highwater.Simulators;

/// <summary>The services Highwater simulates, one line each.</summary>
public static class SimulatorModules
{
    /// <summary>Every simulator, in the order messages list them.</summary>
    public static IReadOnlyList<ISimulatorModule> All { get; } =
    [
        new MarketoSimulatorModule(),
        new SalesforceSimulatorModule(),
        new PardotSimulatorModule(),
        new EloquaSimulatorModule(),
        new HubSpot.HubSpotSimulatorModule(),
        new Mailchimp.MailchimpSimulatorModule(),
    ];

    /// <summary>Every simulated service's name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Services { get; } = [.. All.Select(m => m.Service)];

    /// <summary>Finds the simulator of <paramref name="service"/> (exact, lower-case name).</summary>
    public static bool TryGet(string service, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ISimulatorModule? module)
    {
        module = All.FirstOrDefault(m => string.Equals(m.Service, service, StringComparison.Ordinal));
        return module is not null;
    }

    /// <summary>The simulator of <paramref name="service"/>.</summary>
    /// <exception cref="ArgumentException">No simulator has that name; the message lists those there are.</exception>
    public static ISimulatorModule Get(string service) =>
        TryGet(service, out var module)
            ? module
            : throw new ArgumentException($"no simulator for '{service}'; there are: {string.Join(", ", Services)}", nameof(service));
}
