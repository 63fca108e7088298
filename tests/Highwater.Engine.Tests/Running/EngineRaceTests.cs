using System.Globalization;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Engine.Samples;
using Highwater.Storage.DeadLetters;
using Microsoft.Data.Sqlite;

namespace Highwater.Engine.Tests.Running;

/// <summary>No change is lost to a race: a source change that lands while its profile's export is in flight is exported after it, whatever that export's outcome.</summary>
public sealed class EngineRaceTests : IAsyncLifetime
{
    private const string Invalid = "dana.example.com";
    private const string Fixed = "dana@example.com";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hw-race-" + Guid.NewGuid().ToString("N")[..10]);

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp folder.
        }

        return Task.CompletedTask;
    }

    /// <summary>Issue 14, case 8: the rejection of an invalid e-mail must not remove the fix that arrived while it was in flight.</summary>
    [Theory]
    [MemberData(nameof(RaceTarget.Services), MemberType = typeof(RaceTarget))]
    public async Task Sync_AFixArrivingWhileItsRejectionIsInFlight_IsExported_AndNoDeadLetterRemains(string service)
    {
        await using var target = await RaceTarget.StartAsync(service);
        var app = new SampleDatabase(Path.Combine(_folder, "app.db"));
        await app.CreateAsync(3, seed: 7, CancellationToken.None);
        var answer = new HeldAnswer(Invalid);
        await using var engine = await OpenAsync(target, answer);
        var first = Assert.Single((await engine.SyncOnceAsync(null, null, CancellationToken.None)).Exports);
        Assert.Equal((3, 0, 0L), (first.Exported, first.Rejected, first.Waiting));

        // A new user with an invalid e-mail; its write goes out and the service refuses it.
        await WriteUserAsync(app, 4, Invalid, "Dana");
        var sync = engine.SyncOnceAsync(null, null, CancellationToken.None);
        await answer.WaitHeldAsync();

        // While the refusal is on its way back, the source fixes the e-mail and is polled.
        await WriteUserAsync(app, 4, Fixed, "Dana");
        var polled = Assert.Single(await engine.PollAsync(null, CancellationToken.None));
        answer.Release();
        var pass = Assert.Single((await sync).Exports);

        // The race was run: the old version was refused, the fix was enqueued meanwhile.
        Assert.True(polled.Coalesced == 1, $"the fix did not land on the claimed row: {polled}");
        Assert.True(pass.Rejected >= 1, $"the invalid e-mail was not refused: {pass.Error} {string.Join("; ", pass.Failures)}");

        // Then sync again: the service holds the fix, nothing waits, no dead letter stands.
        await engine.SyncOnceAsync(null, null, CancellationToken.None);
        var records = target.Records;
        var held = string.Join(", ", records.Select(r => r.Email));
        var dana = records.SingleOrDefault(r => string.Equals(r.Email, Fixed, StringComparison.OrdinalIgnoreCase));
        Assert.True(dana is not null, $"{service} does not hold the fix {Fixed} once: it holds {held}");
        Assert.Equal("Dana", dana.Fields?.GetValueOrDefault(target.FirstNameField));
        Assert.True(records.Count == 4, $"{service} should hold the 4 users, holds {held}");
        Assert.Equal(0, (await engine.Store.Outbox.DepthAsync(service, null, CancellationToken.None)).Waiting);
        Assert.Empty(await engine.Store.DeadLetters.ListAsync(new DeadLetterFilter(service), 10, CancellationToken.None));
    }

    private async Task<HighwaterEngine> OpenAsync(RaceTarget target, HeldAnswer held)
    {
        var path = Path.Combine(_folder, "highwater.yaml");
        await File.WriteAllTextAsync(path, $$"""
            sources:
              users: { kind: sqlite, connection: app.db, table: users, key: id, mark: updated_at, columns: [email, first_name], deleted: deleted, lookBack: 1m }
            destinations:
            {{target.Destination}}
            """);
        var loaded = ConfigLoader.Load(path);
        Assert.Empty(loaded.Problems);
        var options = new EngineOptions
        {
            Worker = "test-" + _folder,
            Environment = target.Environment,
            HttpClientFactory = _ => new HttpClient(held, disposeHandler: false),
        };
        return await HighwaterEngine.OpenAsync(loaded.Config!, options, CancellationToken.None);
    }

    /// <summary>Inserts or updates one user, stamped now (after every earlier change, so the next poll reads it).</summary>
    private static async Task WriteUserAsync(SampleDatabase app, long id, string email, string firstName)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = app.Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO users (id, email, first_name, country, plan, updated_at) VALUES ($id, $email, $first, 'US', 'free', $at)
            ON CONFLICT (id) DO UPDATE SET email = excluded.email, first_name = excluded.first_name, updated_at = excluded.updated_at;
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$email", email);
        command.Parameters.AddWithValue("$first", firstName);
        command.Parameters.AddWithValue("$at", TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync();
    }
}
