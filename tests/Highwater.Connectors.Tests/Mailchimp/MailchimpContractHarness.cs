using Highwater.Connectors.Mailchimp;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;
using Highwater.Simulators.Mailchimp;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Connectors.Tests.Mailchimp;

/// <summary>The connector against a simulator, both on one fake clock, through a gate of the test's choice (a tallying one by default).</summary>
internal sealed class MailchimpContractHarness : IAsyncDisposable
{
    public const string Key = "00112233445566778899aabbccddeeff-us21";

    public const string ListId = "f00dcafe42";

    public static readonly DateTimeOffset Start = new(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);

    private MailchimpContractHarness(MailchimpSimulator simulator, FakeTimeProvider time, ICallGate gate, MailchimpConnectorOptions options)
    {
        Simulator = simulator;
        Time = time;
        Gate = gate;
        Connector = new MailchimpConnector(Http, options, gate, time);
    }

    public MailchimpSimulator Simulator { get; }

    public FakeTimeProvider Time { get; }

    public ICallGate Gate { get; }

    public TallyingCallGate Tally => (TallyingCallGate)Gate;

    public HttpClient Http { get; } = new();

    public MailchimpConnector Connector { get; }

    public static async Task<MailchimpContractHarness> StartAsync(
        Action<MailchimpConnectorOptions>? connector = null,
        Func<FakeTimeProvider, ICallGate>? gate = null,
        string key = Key)
    {
        var time = new FakeTimeProvider(Start);
        var sim = await MailchimpSimulator.StartAsync(new MailchimpSimulatorOptions { TimeProvider = time, ApiKey = Key, ListId = ListId });
        var options = new MailchimpConnectorOptions { BaseAddress = sim.BaseAddress, ApiKey = key, ListId = ListId };
        connector?.Invoke(options);
        return new MailchimpContractHarness(sim, time, gate?.Invoke(time) ?? new TallyingCallGate(), options);
    }

    public static PlannedRecord Record(string key, string? email, string? remoteId = null, Dictionary<string, string?>? fields = null, string? from = null) => new()
    {
        ProfileKey = key,
        ForeignKey = email,
        RemoteId = remoteId,
        MatchForeignKey = from,
        Fields = fields,
    };

    public static PlannedRecord Tag(string key, string email, string tag, bool add) => new()
    {
        ProfileKey = key,
        ForeignKey = email,
        ListChanges = [new ListChange(tag, add ? MembershipDirection.Add : MembershipDirection.Remove)],
    };

    public static PlannedCall Call(CallKind kind, params PlannedRecord[] records) => new(kind, null, records);

    public MailchimpStateRecord Member(string email) =>
        Simulator.GetState().Records.Single(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs a call while the fake clock moves a second at a time, so Batch Operations finish and polls come due; fails after 10,000 s.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        var task = call();
        for (var step = 0; step < 10_000 && !task.IsCompleted; step++)
        {
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System));
            if (!task.IsCompleted)
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
