using Highwater.Simulators.Eloqua;
using Highwater.Simulators.Marketo;
using Highwater.Simulators.Pardot;
using Highwater.Simulators.Salesforce;

namespace Highwater.Benchmarks.Histories;

/// <summary>
/// What a history needs of one service: how to start its simulator on the history clock, the
/// destination block of <c>highwater.yaml</c>, the credentials, and the names its records give the
/// mapped first name and country.
/// </summary>
internal sealed record HistoryService
{
    public static readonly IReadOnlyList<string> Names = ["marketo", "salesforce", "pardot", "eloqua"];

    public required string Name { get; init; }

    public required Func<TimeProvider, Task<(Uri BaseAddress, IAsyncDisposable Handle)>> StartAsync { get; init; }

    public required Func<Uri, string> Destination { get; init; }

    public required IReadOnlyDictionary<string, string> Secrets { get; init; }

    public required string FirstNameField { get; init; }

    public required string CountryField { get; init; }

    /// <summary>The calls a day other integrations spend when a history arms a quota fault (the simulator's whole daily allowance).</summary>
    public required long DailyQuota { get; init; }

    public static HistoryService Get(string name) => name switch
    {
        "marketo" => Marketo,
        "salesforce" => Salesforce,
        "pardot" => Pardot,
        "eloqua" => Eloqua,
        _ => throw new ArgumentException($"service '{name}' is not one the history simulator drives; known: {string.Join(", ", Names)}", nameof(name)),
    };

    private const string Lists = "lists: { paying: Paying Customers, trial: Trial Users, enterprise: Enterprise Accounts }";

    private static readonly HistoryService Marketo = new()
    {
        Name = "marketo",
        StartAsync = async time =>
        {
            var simulator = await MarketoSimulator.StartAsync(new MarketoSimulatorOptions { TimeProvider = time }).ConfigureAwait(false);
            return (simulator.BaseAddress, simulator);
        },
        Destination = url => $$"""
              kind: marketo
              baseUrl: {{url}}
              credentials: { clientId: "${ID}", clientSecret: "${SECRET}" }
              fields: { email: email, firstName: first_name, country: country }
              {{Lists}}
            """,
        Secrets = new Dictionary<string, string> { ["ID"] = new MarketoSimulatorOptions().ClientId, ["SECRET"] = new MarketoSimulatorOptions().ClientSecret },
        FirstNameField = "firstName",
        CountryField = "country",
        DailyQuota = new MarketoSimulatorOptions().DailyQuota,
    };

    private static readonly HistoryService Salesforce = new()
    {
        Name = "salesforce",
        StartAsync = async time =>
        {
            var simulator = await SalesforceSimulator.StartAsync(new SalesforceSimulatorOptions { TimeProvider = time }).ConfigureAwait(false);
            return (simulator.BaseAddress, simulator);
        },
        Destination = url => $$"""
              kind: salesforce
              baseUrl: {{url}}
              credentials: { clientId: "${ID}", clientSecret: "${SECRET}" }
              fields: { Email: email, FirstName: first_name, LastName: first_name, MailingCountry: country }
              {{Lists}}
            """,
        Secrets = new Dictionary<string, string> { ["ID"] = new SalesforceSimulatorOptions().ClientId, ["SECRET"] = new SalesforceSimulatorOptions().ClientSecret },
        FirstNameField = "FirstName",
        CountryField = "MailingCountry",
        DailyQuota = new SalesforceSimulatorOptions().DailyApiRequests,
    };

    private static readonly HistoryService Pardot = new()
    {
        Name = "pardot",
        StartAsync = async time =>
        {
            var simulator = await PardotSimulator.StartAsync(new PardotSimulatorOptions { TimeProvider = time }).ConfigureAwait(false);
            return (simulator.BaseAddress, simulator);
        },
        Destination = url => $$"""
              kind: pardot
              baseUrl: {{url}}
              loginUrl: {{url}}
              credentials: { clientId: "${ID}", clientSecret: "${SECRET}", businessUnitId: "${BU}" }
              fields: { email: email, first_name: first_name, country: country }
              {{Lists}}
            """,
        Secrets = new Dictionary<string, string>
        {
            ["ID"] = new PardotSimulatorOptions().ClientId,
            ["SECRET"] = new PardotSimulatorOptions().ClientSecret,
            ["BU"] = new PardotSimulatorOptions().BusinessUnitId,
        },
        FirstNameField = "first_name",
        CountryField = "country",
        DailyQuota = new PardotSimulatorOptions().DailyQuota,
    };

    private static readonly HistoryService Eloqua = new()
    {
        Name = "eloqua",
        StartAsync = async time =>
        {
            var simulator = await EloquaSimulator.StartAsync(new EloquaSimulatorOptions { TimeProvider = time, DailyCallLimit = 2_000 }).ConfigureAwait(false);
            return (simulator.BaseAddress, simulator);
        },
        Destination = url => $$"""
              kind: eloqua
              baseUrl: {{url}}
              credentials: { company: "${COMPANY}", username: "${USER}", password: "${PASSWORD}" }
              foreignKey: email
              fields: { emailAddress: email, firstName: first_name, country: country }
              {{Lists}}
            """,
        Secrets = new Dictionary<string, string>
        {
            ["COMPANY"] = new EloquaSimulatorOptions().Company,
            ["USER"] = new EloquaSimulatorOptions().Username,
            ["PASSWORD"] = new EloquaSimulatorOptions().Password,
        },
        FirstNameField = "firstName",
        CountryField = "country",
        DailyQuota = 2_000,
    };
}
