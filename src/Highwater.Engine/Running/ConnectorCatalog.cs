using Highwater.Connectors.Modules;
using Highwater.Connectors;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Engine.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace Highwater.Engine.Running;

/// <summary>
/// The connector and rate policy of each configured destination, from its kind's service module
/// (<see cref="ServiceModules"/>), with the configuration's overrides applied.
/// </summary>
public static class ConnectorCatalog
{
    /// <summary>The kinds with a connector.</summary>
    public static IReadOnlyList<string> Kinds => ServiceModules.Kinds;

    /// <summary>Makes the connector of <paramref name="destination"/>, its credentials resolved now.</summary>
    /// <exception cref="InvalidOperationException">The kind has no connector yet, or a credential cannot be resolved (the message names which, never its value).</exception>
    public static IServiceConnector Create(DestinationConfig destination, HttpClient http, ICallGate gate, TimeProvider time, Func<string, string?>? environment, ILoggerFactory? logs = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!ServiceModules.TryGet(destination.Kind, out var module))
        {
            throw new InvalidOperationException(NoConnector(destination));
        }

        // A key the service takes but does not require (one of several sets) reads as empty when absent.
        string Credential(string name) =>
            destination.Credentials.TryGetValue(name, out var secret) ? Resolve(destination, name, secret, environment)
            : module.RequiredCredentials.Contains(name, StringComparer.Ordinal) ? throw new InvalidOperationException($"destinations.{destination.Name}.credentials.{name}: is required for {destination.Kind}")
            : "";

        return module.Create(View(destination, Credential), http, gate, time, logs ?? NullLoggerFactory.Instance);
    }

    /// <summary>
    /// Every problem the connector of <paramref name="destination"/> would refuse it with when the
    /// engine opens, each <c>setting: message</c> in the connector's terms (<c>marketo.batchSize: must
    /// be 1..300</c>): the same checks, run on the options <see cref="Create"/> would build, with the
    /// credentials standing in as their references (they are resolved only when the engine opens).
    /// </summary>
    public static IReadOnlyList<string> Validate(DestinationConfig destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        string Reference(string name) => destination.Credentials.TryGetValue(name, out var secret) ? secret.ToString() : "";
        return ServiceModules.TryGet(destination.Kind, out var module)
            ? module.Validate(View(destination, Reference))
            : [NoConnector(destination)];
    }

    /// <summary>
    /// What resolving the destination's mapped lists costs a process that has not resolved them
    /// yet, as its connector does it (<see cref="IServiceModule.ListCalls"/>): the lookups by name,
    /// and the lists it creates when none exists; nothing when no list is mapped.
    /// </summary>
    public static (int Lookups, int Creations) ListCalls(DestinationConfig destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var module = ServiceModules.Get(destination.Kind);
        var lists = destination.Lists.Values.Distinct(module.ListNames).Count();
        return lists == 0 ? (0, 0) : module.ListCalls(View(destination, Unresolved), lists);
    }

    /// <summary>List members one call reads when lists are adopted (Marketo: a page of the batch size, 300 at most); null when the kind does not say.</summary>
    public static int? MembersPerCall(DestinationConfig destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return ServiceModules.Get(destination.Kind).MembersPerCall(View(destination, Unresolved));
    }

    /// <summary>A note on metadata calls a dry run of the destination cannot price, or null.</summary>
    public static string? UnpricedMetadata(DestinationConfig destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return ServiceModules.Get(destination.Kind).UnpricedMetadata;
    }

    /// <summary>The destination's rate policy: the service's known limits, with the configured overrides.</summary>
    public static RatePolicyOptions Policy(DestinationConfig destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var limits = destination.Limits;
        var options = ServiceModules.Get(destination.Kind).Policy(View(destination, Unresolved), destination.Account, limits.TimeZone);
        if (limits.Concurrency is { } concurrency)
        {
            options.ConcurrencyLimit = concurrency;
        }

        foreach (var window in options.CalendarWindows.Where(w => w.Period == CalendarPeriod.Day))
        {
            window.Limit = limits.Daily ?? window.Limit;
            window.ReserveShare = limits.Reserve ?? window.ReserveShare;
            window.TimeZone = limits.TimeZone ?? window.TimeZone;
        }

        foreach (var window in options.RollingWindows.Where(w => w.Length >= TimeSpan.FromHours(24)))
        {
            window.Limit = limits.Daily ?? window.Limit;
            window.ReserveShare = limits.Reserve ?? window.ReserveShare;
        }

        return options;
    }

    private static string NoConnector(DestinationConfig destination) =>
        $"destinations.{destination.Name}.kind: {destination.Kind} has no connector in this version (available: {string.Join(", ", Kinds)})";

    private static ServiceDestination View(DestinationConfig destination, Func<string, string> credential) => new()
    {
        Name = destination.Name,
        BaseUrl = destination.BaseUrl,
        BatchSize = destination.BatchSize,
        Settings = destination.Settings,
        Credential = credential,
    };

    private static string Unresolved(string name) => "";

    private static string Resolve(DestinationConfig destination, string name, SecretValue secret, Func<string, string?>? environment)
    {
        try
        {
            return secret.Resolve(environment);
        }
        catch (InvalidOperationException ex)
        {
            // The message names the variable or file, never a value.
            throw new InvalidOperationException($"destinations.{destination.Name}.credentials.{name}: {ex.Message}", ex);
        }
    }
}
