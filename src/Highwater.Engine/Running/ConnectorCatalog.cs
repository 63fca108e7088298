using Highwater.Connectors.Eloqua;
using Highwater.Connectors.Marketo;
using Highwater.Connectors.Pardot;
using Highwater.Connectors.Salesforce;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Engine.Configuration;

namespace Highwater.Engine.Running;

/// <summary>The connector and rate policy for each destination kind the engine can export to.</summary>
public static class ConnectorCatalog
{
    /// <summary>The kinds with a connector.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["marketo", "salesforce", "pardot", "eloqua"];

    /// <summary>Makes the connector of <paramref name="destination"/>, its credentials resolved now.</summary>
    /// <exception cref="InvalidOperationException">The kind has no connector yet, or a credential cannot be resolved (the message names which, never its value).</exception>
    public static IServiceConnector Create(DestinationConfig destination, HttpClient http, ICallGate gate, TimeProvider time, Func<string, string?>? environment)
    {
        ArgumentNullException.ThrowIfNull(destination);
        string Credential(string name) =>
            destination.Credentials.TryGetValue(name, out var secret)
                ? Resolve(destination, name, secret, environment)
                : throw new InvalidOperationException($"destinations.{destination.Name}.credentials.{name}: is required for {destination.Kind}");

        return destination.Kind switch
        {
            "marketo" => new MarketoConnector(http, MarketoOptions(destination, Credential), gate, time),
            "salesforce" => new SalesforceConnector(http, SalesforceOptions(destination, Credential), gate, time),
            "pardot" => new PardotConnector(http, PardotOptions(destination, Credential), gate, time),
            "eloqua" => new EloquaConnector(http, EloquaOptions(destination, Credential), gate, time),
            _ => throw new InvalidOperationException(NoConnector(destination)),
        };
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
        return destination.Kind switch
        {
            "marketo" => MarketoOptions(destination, Reference).Validate(),
            "salesforce" => SalesforceOptions(destination, Reference).Validate(),
            "pardot" => PardotOptions(destination, Reference).Validate(),
            "eloqua" => EloquaOptions(destination, Reference).Validate(),
            _ => [NoConnector(destination)],
        };
    }

    /// <summary>
    /// What resolving the destination's mapped lists costs a process that has not resolved them
    /// yet, as its connector does it: the lookups by name (Marketo browses its static lists a page of
    /// 200 at a time for several names, one lookup for a single one; Salesforce queries the campaigns
    /// in one SOQL; Pardot and Eloqua look each name up), and the lists it creates when none exists
    /// (none where creating is not possible: Marketo without <c>listFolder</c>).
    /// </summary>
    public static (int Lookups, int Creations) ListCalls(DestinationConfig destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var comparer = destination.Kind is "salesforce" or "pardot" ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var lists = destination.Lists.Values.Distinct(comparer).Count();
        if (lists == 0)
        {
            return (0, 0);
        }

        return destination.Kind switch
        {
            "marketo" => (1, destination.ListFolder is null ? 0 : lists),
            "salesforce" => (1, lists),
            _ => (lists, lists),
        };
    }

    /// <summary>List members one call reads when lists are adopted (Marketo: a page of the batch size, 300 at most); null when the kind does not say.</summary>
    public static int? MembersPerCall(DestinationConfig destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return destination.Kind switch
        {
            "marketo" => Math.Min(destination.BatchSize, 300),
            _ => null,
        };
    }

    /// <summary>The destination's rate policy: the service's known limits, with the configured overrides.</summary>
    public static RatePolicyOptions Policy(DestinationConfig destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var limits = destination.Limits;
        var options = KnownPolicies.For(destination.Kind, destination.Account, limits.TimeZone);
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

    private static MarketoConnectorOptions MarketoOptions(DestinationConfig destination, Func<string, string> credential) => new()
    {
        BaseAddress = destination.BaseUrl,
        ClientId = credential("clientId"),
        ClientSecret = credential("clientSecret"),
        BatchSize = Math.Min(destination.BatchSize, 300),
        ListFolderId = destination.ListFolder,
    };

    private static SalesforceConnectorOptions SalesforceOptions(DestinationConfig destination, Func<string, string> credential) => new()
    {
        LoginUrl = destination.BaseUrl,
        ClientId = credential("clientId"),
        ClientSecret = credential("clientSecret"),
    };

    private static PardotConnectorOptions PardotOptions(DestinationConfig destination, Func<string, string> credential) => new()
    {
        ApiBaseAddress = destination.BaseUrl,
        LoginUrl = destination.LoginUrl ?? new Uri("https://login.salesforce.com/"),
        ClientId = credential("clientId"),
        ClientSecret = credential("clientSecret"),
        BusinessUnitId = credential("businessUnitId"),
        BatchSize = Math.Min(destination.BatchSize, 50),
        ImportCampaignId = destination.ImportCampaignId,
        ImportLatencyCalls = destination.ImportLatencyCalls ?? PardotConnectorOptions.DefaultImportLatencyCalls,
        CustomFields = new HashSet<string>(destination.CustomFields, StringComparer.Ordinal),
    };

    private static EloquaConnectorOptions EloquaOptions(DestinationConfig destination, Func<string, string> credential) => new()
    {
        LoginUrl = destination.BaseUrl,
        Company = credential("company"),
        Username = credential("username"),
        Password = credential("password"),
    };

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
