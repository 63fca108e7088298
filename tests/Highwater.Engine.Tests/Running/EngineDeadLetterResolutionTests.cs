using System.Globalization;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Engine.Samples;
using Highwater.Storage.DeadLetters;
using Microsoft.Data.Sqlite;

namespace Highwater.Engine.Tests.Running;

/// <summary>
/// Issue 15, item 4: a dead letter stands only while its profile has not been settled since. Each
/// way a profile can later be settled resolves it: exported after the service refused it, exported
/// after the engine refused it (no e-mail), deleted in the source before it ever reached the service
/// (nothing remote to delete), and unchanged after giving up (the remote record already matched).
/// </summary>
public sealed class EngineDeadLetterResolutionTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hw-letters-" + Guid.NewGuid().ToString("N")[..10]);

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

    [Theory]
    [MemberData(nameof(RaceTarget.Services), MemberType = typeof(RaceTarget))]
    public async Task Sync_EveryDeadLetter_IsResolvedOnceItsProfileIsSettled_ExportedOrGone(string service)
    {
        await using var target = await RaceTarget.StartAsync(service);
        var app = new SampleDatabase(Path.Combine(_folder, "app.db"));
        await app.CreateAsync(2, seed: 7, CancellationToken.None);
        await using var engine = await OpenAsync(target, maxAttempts: 5);

        // Four users the first sync cannot export: two the service refuses, two without an e-mail.
        await WriteUserAsync(app, 11, "eleven.example.com", "Eleven");
        await WriteUserAsync(app, 12, "twelve.example.com", "Twelve");
        await WriteUserAsync(app, 13, null, "Thirteen");
        await WriteUserAsync(app, 14, null, "Fourteen");
        var first = Assert.Single((await engine.SyncOnceAsync(null, null, CancellationToken.None)).Exports);
        var letters = await LettersAsync(engine, service);
        Assert.True(letters.SetEquals(["11", "12", "13", "14"]), $"{service}: expected dead letters for 11 to 14, found {string.Join(", ", letters)}; {string.Join("; ", first.Failures)}");

        // Each is settled a different way: fixed and exported (11, 13), deleted before it ever reached the service (12, 14).
        await WriteUserAsync(app, 11, "eleven@example.com", "Eleven");
        await WriteUserAsync(app, 13, "thirteen@example.com", "Thirteen");
        await DeleteUserAsync(app, 12);
        await DeleteUserAsync(app, 14);
        var second = Assert.Single((await engine.SyncOnceAsync(null, null, CancellationToken.None)).Exports);

        Assert.True(second.Exported == 2 && !second.Failed, $"{service}: the fixes were not exported: {second.Stopped} {second.Error} {string.Join("; ", second.Failures)}");
        Assert.Empty(await LettersAsync(engine, service));
        Assert.Equal(0, (await engine.Store.Outbox.DepthAsync(service, null, CancellationToken.None)).Waiting);
        Assert.Equal(4, target.Records.Count);
    }

    [Fact]
    public async Task Sync_AGaveUpLetter_IsResolved_WhenTheProfileComesBackToWhatTheServiceHolds()
    {
        await using var target = await RaceTarget.StartAsync("marketo");
        var app = new SampleDatabase(Path.Combine(_folder, "app.db"));
        await app.CreateAsync(0, seed: 7, CancellationToken.None);
        await WriteUserAsync(app, 1, "one@example.com", "One");
        await using var engine = await OpenAsync(target, maxAttempts: 1);
        Assert.Equal(1, Assert.Single((await engine.SyncOnceAsync(null, null, CancellationToken.None)).Exports).Exported);

        // A change meets a failing service and is given up on after its one attempt.
        await WriteUserAsync(app, 1, "one@example.com", "Uno");
        await target.FaultAsync("""{"serverErrorRate":1}""");
        var failed = Assert.Single((await engine.SyncOnceAsync(null, null, CancellationToken.None)).Exports);
        Assert.True(failed.GaveUp == 1, $"the change was not given up on: {string.Join("; ", failed.Failures)} {failed.Error}");
        Assert.Equal(["1"], await LettersAsync(engine, "marketo"));

        // The source goes back to what the service still holds: nothing to write, and the letter no longer stands.
        await target.FaultAsync("""{"serverErrorRate":0}""");
        await WriteUserAsync(app, 1, "one@example.com", "One");
        var settled = Assert.Single((await engine.SyncOnceAsync(null, null, CancellationToken.None)).Exports);

        Assert.False(settled.Failed, $"{settled.Error} {string.Join("; ", settled.Failures)}");
        Assert.Empty(await LettersAsync(engine, "marketo"));
        Assert.Equal("One", Assert.Single(target.Records).Fields?.GetValueOrDefault(target.FirstNameField));
    }

    private static async Task<HashSet<string>> LettersAsync(HighwaterEngine engine, string destination) =>
        [.. (await engine.Store.DeadLetters.ListAsync(new DeadLetterFilter(destination), 100, CancellationToken.None)).Select(l => l.ProfileKey)];

    private async Task<HighwaterEngine> OpenAsync(RaceTarget target, int maxAttempts)
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
            MaxAttempts = maxAttempts,
            Executor = new Highwater.Engine.Execution.ExecutorOptions { MaxRetries = 0 },
        };
        return await HighwaterEngine.OpenAsync(loaded.Config!, options, CancellationToken.None);
    }

    private static Task WriteUserAsync(SampleDatabase app, long id, string? email, string firstName) => ExecuteAsync(app, """
        INSERT INTO users (id, email, first_name, country, plan, deleted, updated_at) VALUES ($id, $email, $first, 'US', 'free', 0, $at)
        ON CONFLICT (id) DO UPDATE SET email = excluded.email, first_name = excluded.first_name, deleted = 0, updated_at = excluded.updated_at;
        """, id, email, firstName);

    private static Task DeleteUserAsync(SampleDatabase app, long id) =>
        ExecuteAsync(app, "UPDATE users SET deleted = 1, updated_at = $at WHERE id = $id", id, null, null);

    private static async Task ExecuteAsync(SampleDatabase app, string sql, long id, string? email, string? firstName)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = app.Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$email", (object?)email ?? DBNull.Value);
        command.Parameters.AddWithValue("$first", (object?)firstName ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync();
    }
}
