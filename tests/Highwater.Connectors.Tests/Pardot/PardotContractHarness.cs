using Highwater.Connectors.Pardot;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;
using Highwater.Simulators.Pardot;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Connectors.Tests.Pardot;

/// <summary>The connector against a simulator, both on one fake clock, through a tallying gate.</summary>
internal sealed class PardotContractHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);

    private PardotContractHarness(PardotSimulator simulator, FakeTimeProvider time, PardotConnectorOptions options)
    {
        Simulator = simulator;
        Time = time;
        Http = new HttpClient();
        Watch = new TimerWatchingTimeProvider(time);
        Connector = new PardotConnector(Http, options, Gate, Watch);
    }

    public PardotSimulator Simulator { get; }

    public FakeTimeProvider Time { get; }

    public TallyingCallGate Gate { get; } = new();

    /// <summary>The connector's clock: the fake one, telling when the connector waits on it.</summary>
    public TimerWatchingTimeProvider Watch { get; }

    public HttpClient Http { get; }

    public PardotConnector Connector { get; }

    public static async Task<PardotContractHarness> StartAsync(Action<PardotSimulatorOptions>? simulator = null, Action<PardotConnectorOptions>? connector = null)
    {
        var time = new FakeTimeProvider(Start);
        var simOptions = new PardotSimulatorOptions { TimeProvider = time, ClientId = "id-1", ClientSecret = "secret-1", ImportWaiting = TimeSpan.FromSeconds(90), ImportRunning = TimeSpan.FromSeconds(60) };
        simOptions.CustomFields.Add("plan");
        simulator?.Invoke(simOptions);
        var sim = await PardotSimulator.StartAsync(simOptions);
        var options = new PardotConnectorOptions
        {
            LoginUrl = sim.BaseAddress,
            ApiBaseAddress = sim.BaseAddress,
            ClientId = "id-1",
            ClientSecret = "secret-1",
            BusinessUnitId = sim.BusinessUnitId,
            ImportCampaignId = 9000,
        };
        options.CustomFields.Add("plan");
        connector?.Invoke(options);
        return new PardotContractHarness(sim, time, options);
    }

    public static PlannedRecord Record(string key, string? email, string? remoteId = null, Dictionary<string, string?>? fields = null, string? match = null, params ListChange[] lists) => new()
    {
        ProfileKey = key,
        ForeignKey = email,
        RemoteId = remoteId,
        MatchForeignKey = match,
        Fields = fields,
        ListChanges = lists.Length == 0 ? null : lists,
    };

    public static PlannedCall Call(CallKind kind, params PlannedRecord[] records) => new(kind, null, records);

    public static ListChange Join(string list) => new(list, MembershipDirection.Add);

    public static ListChange Leave(string list) => new(list, MembershipDirection.Remove);

    public PardotSimRecord Prospect(string email) => Simulator.GetState().Records.Single(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs <paramref name="work"/>, moving the fake clock on by <paramref name="step"/> each time the connector waits on it (an import's polls).</summary>
    public async Task<T> DriveAsync<T>(Func<Task<T>> work, TimeSpan step)
    {
        var task = work();
        while (true)
        {
            // A wait left behind when the work ends would take the next call's timer signal: cancel it.
            using var done = new CancellationTokenSource();
            var waiting = Watch.TimerCreated.WaitAsync(done.Token);
            if (await Task.WhenAny(task, waiting) == task)
            {
                await done.CancelAsync();
                return await task;
            }

            Time.Advance(step);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
    }
}
