using Highwater.Connectors.HubSpot;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;
using Highwater.Simulators.HubSpot;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Connectors.Tests.HubSpot;

/// <summary>The connector against a simulator, both on one fake clock, through a gate of the test's choice (a tallying one by default).</summary>
internal sealed class HubSpotContractHarness : IAsyncDisposable
{
    public const string Token = "pat-na1-test-token";

    // 12:00 UTC on a Monday in March: 08:00 in New York, before the clocks change.
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);

    private HubSpotContractHarness(HubSpotSimulator simulator, FakeTimeProvider time, ICallGate gate, HubSpotConnectorOptions options)
    {
        Simulator = simulator;
        Time = time;
        Gate = gate;
        Connector = new HubSpotConnector(Http, options, gate, time);
    }

    public HubSpotSimulator Simulator { get; }

    public FakeTimeProvider Time { get; }

    public ICallGate Gate { get; }

    public TallyingCallGate Tally => (TallyingCallGate)Gate;

    public HttpClient Http { get; } = new();

    public HubSpotConnector Connector { get; }

    public static async Task<HubSpotContractHarness> StartAsync(Action<HubSpotSimulatorOptions>? simulator = null, Func<FakeTimeProvider, ICallGate>? gate = null, string token = Token, Action<HubSpotConnectorOptions>? connector = null)
    {
        var time = new FakeTimeProvider(Start);
        var simOptions = new HubSpotSimulatorOptions { TimeProvider = time, AccessToken = Token };
        simulator?.Invoke(simOptions);
        var sim = await HubSpotSimulator.StartAsync(simOptions);
        var options = new HubSpotConnectorOptions { BaseAddress = sim.BaseAddress, AccessToken = token };
        connector?.Invoke(options);
        return new HubSpotContractHarness(sim, time, gate?.Invoke(time) ?? new TallyingCallGate(), options);
    }

    public static PlannedRecord Record(string key, string? email = null, string? remoteId = null, Dictionary<string, string?>? fields = null) => new()
    {
        ProfileKey = key,
        ForeignKey = email,
        RemoteId = remoteId,
        Fields = fields,
    };

    public static PlannedCall Call(CallKind kind, params PlannedRecord[] records) => new(kind, null, records);

    public HubSpotStateRecord Contact(string email) =>
        Simulator.GetState().Records.Single(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs a call while the fake clock moves a second at a time, so a governor's waits pass; fails after 10,000 s.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        var task = call();
        for (var step = 0; step < 10_000 && !task.IsCompleted; step++)
        {
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System));
            if (!task.IsCompleted && (Gate is not InFlightGate gate || gate.Idle))
            {
                Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.True(task.IsCompleted, "the call did not finish within 10,000 simulated seconds");
        return await task;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
    }
}
