using Highwater.Connectors.Marketo;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;
using Highwater.Simulators.Marketo;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Connectors.Tests.Marketo;

/// <summary>The connector against a simulator, both on one fake clock, through a tallying gate.</summary>
internal sealed class MarketoContractHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);

    private MarketoContractHarness(MarketoSimulator simulator, FakeTimeProvider time, MarketoConnectorOptions options)
    {
        Simulator = simulator;
        Time = time;
        Http = new HttpClient();
        Connector = new MarketoConnector(Http, options, Gate, time);
    }

    public MarketoSimulator Simulator { get; }

    public FakeTimeProvider Time { get; }

    public TallyingCallGate Gate { get; } = new();

    public HttpClient Http { get; }

    public MarketoConnector Connector { get; }

    public static async Task<MarketoContractHarness> StartAsync(Action<MarketoSimulatorOptions>? simulator = null, Action<MarketoConnectorOptions>? connector = null)
    {
        var time = new FakeTimeProvider(Start);
        var simOptions = new MarketoSimulatorOptions { TimeProvider = time, ClientId = "id-1", ClientSecret = "secret-1" };
        simulator?.Invoke(simOptions);
        var sim = await MarketoSimulator.StartAsync(simOptions);
        var options = new MarketoConnectorOptions { BaseAddress = sim.BaseAddress, ClientId = "id-1", ClientSecret = "secret-1", ListFolderId = 12 };
        connector?.Invoke(options);
        return new MarketoContractHarness(sim, time, options);
    }

    public static PlannedRecord Record(string key, string? email = null, string? remoteId = null, Dictionary<string, string?>? fields = null, string? match = null) => new()
    {
        ProfileKey = key,
        ForeignKey = email,
        RemoteId = remoteId,
        MatchForeignKey = match,
        Fields = fields,
    };

    public static PlannedCall Call(CallKind kind, params PlannedRecord[] records) => new(kind, null, records);

    public MarketoSimRecord Lead(string email) => Simulator.GetState().Records.Single(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase));

    public async ValueTask DisposeAsync()
    {
        Connector.Dispose();
        Http.Dispose();
        await Simulator.DisposeAsync();
    }
}
