using Highwater.Connectors.Eloqua;
using Highwater.Connectors.Marketo;
using Highwater.Connectors.Modules;
using Highwater.Connectors.Pardot;
using Highwater.Connectors.Salesforce;

namespace Highwater.Connectors;

/// <summary>
/// The services Highwater exports to, one line each: every lookup of a service by its kind name
/// (the configuration loader, the engine's connectors and policies, the budget, the CLI) goes
/// through this list.
/// </summary>
public static class ServiceModules
{
    /// <summary>Every service, in the order messages list them.</summary>
    public static IReadOnlyList<IServiceModule> All { get; } =
    [
        new MarketoService(),
        new SalesforceService(),
        new PardotService(),
        new EloquaService(),
        new HubSpot.HubSpotService(),
        new Mailchimp.MailchimpService(),
    ];

    private static readonly Dictionary<string, IServiceModule> ByKind = All.ToDictionary(m => m.Kind, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every kind name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. All.Select(m => m.Kind)];

    /// <summary>Finds the service of <paramref name="kind"/>, matched case-insensitively.</summary>
    public static bool TryGet(string kind, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IServiceModule? module) =>
        ByKind.TryGetValue(kind, out module);

    /// <summary>The service of <paramref name="kind"/>, matched case-insensitively.</summary>
    /// <exception cref="ArgumentException">No service has that kind; the message lists those that do.</exception>
    public static IServiceModule Get(string kind) =>
        TryGet(kind, out var module)
            ? module
            : throw new ArgumentException(
                $"unknown service '{kind}'; known: {string.Join(", ", Kinds.Order(StringComparer.Ordinal))}",
                nameof(kind));
}
