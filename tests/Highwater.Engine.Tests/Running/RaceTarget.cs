using Highwater.Engine.Samples;
using Highwater.Simulators.Eloqua;
using Highwater.Simulators.Marketo;
using Highwater.Simulators.Pardot;
using Highwater.Simulators.Salesforce;

namespace Highwater.Engine.Tests.Running;

/// <summary>
/// One service's simulator on 127.0.0.1 and the destination that exports the sample users' e-mail
/// and first name to it (no lists), with the credentials it accepts.
/// </summary>
internal sealed class RaceTarget : IAsyncDisposable
{
    private readonly IAsyncDisposable _simulator;
    private readonly Func<IEnumerable<SampleRemoteRecord>> _records;

    private RaceTarget(string service, Uri baseAddress, string destination, string firstNameField, IReadOnlyDictionary<string, string> environment, IAsyncDisposable simulator, Func<IEnumerable<SampleRemoteRecord>> records)
    {
        BaseAddress = baseAddress;
        Service = service;
        Destination = destination;
        FirstNameField = firstNameField;
        Environment = name => environment.GetValueOrDefault(name);
        _simulator = simulator;
        _records = records;
    }

    public static IEnumerable<object[]> Services => [["marketo"], ["salesforce"], ["pardot"], ["eloqua"]];

    public string Service { get; }

    /// <summary>The destination's configuration block (under <c>destinations:</c>).</summary>
    public string Destination { get; }

    /// <summary>The service's name of the field the first name goes to.</summary>
    public string FirstNameField { get; }

    public Func<string, string?> Environment { get; }

    /// <summary>The simulator's address (its <c>/_sim/</c> endpoints hang below it).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Injects faults as a user would: <c>POST /_sim/faults</c> with <paramref name="json"/>.</summary>
    public async Task FaultAsync(string json)
    {
        using var http = new HttpClient();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var answer = await http.PostAsync(new Uri(BaseAddress, "/_sim/faults"), content);
        Assert.True(answer.IsSuccessStatusCode, $"POST /_sim/faults {json} answered {(int)answer.StatusCode}");
    }

    /// <summary>Every record the service holds now.</summary>
    public IReadOnlyList<SampleRemoteRecord> Records => [.. _records()];

    /// <param name="service">marketo, salesforce, pardot or eloqua.</param>
    /// <param name="eloquaDailyLimit">For Eloqua: the simulator's daily call limit (none by default, as Eloqua publishes none).</param>
    public static async Task<RaceTarget> StartAsync(string service, long? eloquaDailyLimit = null)
    {
        switch (service)
        {
            case "marketo":
            {
                var options = new MarketoSimulatorOptions();
                var sim = await MarketoSimulator.StartAsync(options);
                return new RaceTarget(
                    service,
                    sim.BaseAddress,
                    $$"""
                      {{service}}:
                        kind: marketo
                        baseUrl: {{sim.BaseAddress}}
                        credentials: { clientId: "${ID}", clientSecret: "${SECRET}" }
                        fields: { email: email, firstName: first_name }
                    """,
                    "firstName",
                    new Dictionary<string, string> { ["ID"] = options.ClientId, ["SECRET"] = options.ClientSecret },
                    sim,
                    () => sim.GetState().Records.Select(r => new SampleRemoteRecord(r.Id, r.Email, r.Fields, r.Lists)));
            }

            case "salesforce":
            {
                var options = new SalesforceSimulatorOptions();
                var sim = await SalesforceSimulator.StartAsync(options);
                return new RaceTarget(
                    service,
                    sim.BaseAddress,
                    $$"""
                      {{service}}:
                        kind: salesforce
                        baseUrl: {{sim.BaseAddress}}
                        credentials: { clientId: "${ID}", clientSecret: "${SECRET}" }
                        fields: { Email: email, LastName: first_name }
                    """,
                    "LastName",
                    new Dictionary<string, string> { ["ID"] = options.ClientId, ["SECRET"] = options.ClientSecret },
                    sim,
                    () => sim.GetState().Records.Select(r => new SampleRemoteRecord(r.Id, r.Email, r.Fields, r.Lists)));
            }

            case "pardot":
            {
                var options = new PardotSimulatorOptions();
                var sim = await PardotSimulator.StartAsync(options);
                return new RaceTarget(
                    service,
                    sim.BaseAddress,
                    $$"""
                      {{service}}:
                        kind: pardot
                        baseUrl: {{sim.BaseAddress}}
                        loginUrl: {{sim.BaseAddress}}
                        credentials: { clientId: "${ID}", clientSecret: "${SECRET}", businessUnitId: "${BU}" }
                        fields: { email: email, first_name: first_name }
                    """,
                    "first_name",
                    new Dictionary<string, string> { ["ID"] = options.ClientId, ["SECRET"] = options.ClientSecret, ["BU"] = options.BusinessUnitId },
                    sim,
                    () => sim.GetState().Records.Select(r => new SampleRemoteRecord(r.Id, r.Email, r.Fields, r.Lists)));
            }

            case "eloqua":
            {
                var options = new EloquaSimulatorOptions { DailyCallLimit = eloquaDailyLimit };
                var sim = await EloquaSimulator.StartAsync(options);
                return new RaceTarget(
                    service,
                    sim.BaseAddress,
                    $$"""
                      {{service}}:
                        kind: eloqua
                        baseUrl: {{sim.BaseAddress}}
                        credentials: { company: "${COMPANY}", username: "${USER}", password: "${PASSWORD}" }
                        fields: { emailAddress: email, firstName: first_name }
                    """,
                    "firstName",
                    new Dictionary<string, string> { ["COMPANY"] = options.Company, ["USER"] = options.Username, ["PASSWORD"] = options.Password },
                    sim,
                    () => sim.GetState().Records.Select(r => new SampleRemoteRecord(r.Id, r.Email, r.Fields, r.Lists)));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(service), service, "not a simulated service");
        }
    }

    public ValueTask DisposeAsync() => _simulator.DisposeAsync();
}
