using Highwater.Cli.Commands.Demo;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Engine.Samples;
using Highwater.Simulators;
using Highwater.Simulators.Modules;
using Highwater.Storage.DeadLetters;
using Microsoft.Data.Sqlite;

namespace Highwater.Cli.Tests.Commands.Sync;

/// <summary>
/// One record a service refuses a whole batch for (Marketo: a body over its 1 MB; HubSpot: an
/// upsert by e-mail with one invalid address, which it refuses whole), synced through the engine to
/// the service's simulator: the shared batch splitter isolates it, so the service holds every other
/// record, the bad one alone is a dead letter naming why, and the split costs at most
/// 2·⌈log2 n⌉ + 1 write requests.
/// </summary>
public sealed class BatchSplitSyncTests
{
    private const int Users = 20;
    private const int Bad = 7;

    [Theory]
    [InlineData("marketo", "first_name", "profile 7 at upsert (413): its values make a request of 1,048,", "Marketo takes at most 1,000,000 (HTTP 413), so it was not sent")]
    [InlineData("hubspot", "email", "profile 7 at upsert (VALIDATION_ERROR): Property values were not valid: ", "\"message\":\"Email address not-an-email is invalid\",\"error\":\"INVALID_EMAIL\",\"name\":\"email\"}]")]
    public async Task Sync_OneRecordTheServiceRefusesTheBatchFor_ItAloneIsADeadLetter_EveryOtherRecordInTheService(string service, string column, string reasonStart, string reasonEnd)
    {
        var folder = Directory.CreateTempSubdirectory("hw-split-").FullName;
        var module = SimulatorModules.Get(service);
        await using var simulator = await module.StartAsync(new SimulatorStart(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        var admin = new SimulatorAdminClient(http);
        try
        {
            var app = new SampleDatabase(Path.Combine(folder, "app.db"));
            await app.CreateAsync(Users, seed: 7, CancellationToken.None);
            await OddValuesSyncTests.SetAsync(app.Path, Bad, column, column == "email" ? "not-an-email" : new string('x', 1024 * 1024));
            var destination = DemoCommand.Destination(module, simulator);
            var configPath = Path.Combine(folder, "highwater.yaml");
            await File.WriteAllTextAsync(configPath, SampleProject.Config(module.Harness.Title, destination));
            var loaded = ConfigLoader.Load(configPath);
            Assert.Empty(loaded.Problems);
            var secrets = simulator.Credentials.ToDictionary(c => destination.Variable(c.Key), c => c.Value, StringComparer.Ordinal);
            var options = new EngineOptions { Environment = secrets.GetValueOrDefault, Worker = "test-" + folder };

            await using var engine = await HighwaterEngine.OpenAsync(loaded.Config!, options, CancellationToken.None);
            var pass = Assert.Single((await engine.SyncOnceAsync(null, null, CancellationToken.None)).Exports);

            // Every other user is in the service; the bad one is not, and is the only failure.
            var diagnosis = $"exported {pass.Exported}, rejected {pass.Rejected}, error {pass.Error}: {string.Join(" | ", pass.Failures)}";
            Assert.True(pass.Exported == Users - 1 && pass.Rejected == 1 && pass.Error is null, diagnosis);
            var held = (await admin.StateAsync(CancellationToken.None)).Records.Select(r => r.Email?.ToLowerInvariant()).Order(StringComparer.Ordinal);
            Assert.Equal(Enumerable.Range(1, Users).Where(i => i != Bad).Select(i => $"user{i}@example.com").Order(StringComparer.Ordinal), held);

            // It is a dead letter naming the record and the service's reason; nothing waits in the outbox.
            var dead = Assert.Single(await engine.Store.DeadLetters.ListAsync(new DeadLetterFilter(service), 10, CancellationToken.None));
            Assert.Equal($"{Bad}", dead.ProfileKey);
            Assert.True(dead.Reason.StartsWith(reasonStart, StringComparison.Ordinal) && dead.Reason.EndsWith(reasonEnd, StringComparison.Ordinal), dead.Reason);
            Assert.Equal(0, (await engine.Store.Outbox.DepthAsync(service, null, CancellationToken.None)).Waiting);

            // The split cost at most 2·⌈log2 n⌉ + 1 write requests, and more than one.
            var upserts = (await admin.CountsAsync(CancellationToken.None)).ByKind.GetValueOrDefault("upsert");
            Assert.InRange(upserts, 2, (2 * (int)Math.Ceiling(Math.Log2(Users))) + 1);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
