using Highwater.Engine.Running;
using Highwater.Engine.Samples;
using Highwater.Storage.DeadLetters;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Highwater.Cli.Tests.Commands.Sync;

/// <summary>
/// Values a source can hold and a CRM may not take: a 1 MB text, a NUL inside a text, text beyond
/// the Basic Multilingual Plane, a malformed e-mail. Each is a matter of its own record: the rest
/// of the batch is exported exactly, the record's failure names it and why, and nothing else is lost,
/// on either buffer.
/// </summary>
public sealed class OddValuesSyncTests
{
    private const string PostgresVariable = "HIGHWATER_TEST_POSTGRES";

    [Fact]
    public async Task Sync_OddValues_EachStaysTheMatterOfItsOwnRecord()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 10);

        await AssertOddValuesAsync(f, null);
    }

    [SkippableFact]
    public async Task Sync_OddValues_OnAPostgresBuffer_EachStaysTheMatterOfItsOwnRecord()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        Skip.If(string.IsNullOrWhiteSpace(server) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), $"needs a PostgreSQL server: set {PostgresVariable}");
        Assert.False(string.IsNullOrWhiteSpace(server), $"{PostgresVariable} is not set: under CI the PostgreSQL server is required");
        var database = $"hw_odd_{Guid.NewGuid():N}"[..24];
        var variable = $"HW_PG_ODD_{Guid.NewGuid():N}"[..18];
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await AdminAsync(server!, $"CREATE DATABASE {database};");
        try
        {
            await using var f = await SampleProjectFixture.CreateAsync(
                users: 10,
                uri => SampleProject.Config(uri).Replace("sqlite: .highwater/buffer.db ", $"postgres: ${{{variable}}}", StringComparison.Ordinal));
            await AssertOddValuesAsync(f, new Dictionary<string, string> { [variable] = connection });
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync(server!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE);");
        }
    }

    private static async Task AssertOddValuesAsync(SampleProjectFixture f, IReadOnlyDictionary<string, string>? secrets)
    {
        var megabyte = new string('x', 1024 * 1024);
        await SetAsync(f.App.Path, 1, "first_name", megabyte);
        await SetAsync(f.App.Path, 2, "first_name", "Zo\0e");
        await SetAsync(f.App.Path, 3, "first_name", "Zoë 🦊𝄞");
        await SetAsync(f.App.Path, 4, "email", "not-an-email");

        SyncReport sync;
        await using (var engine = await f.OpenEngineAsync(secrets: secrets))
        {
            sync = await engine.SyncOnceAsync(null, null, CancellationToken.None);
        }

        var pass = Assert.Single(sync.Exports);
        var records = f.Marketo.GetState().Records;
        var diagnosis = $"exported {pass.Exported}, rejected {pass.Rejected}, error {pass.Error}: {string.Join(" | ", pass.Failures)}";

        // The 8 others are in Marketo exactly, the NUL and the characters beyond the BMP included.
        Assert.True(pass.Exported == 8 && pass.Rejected == 2 && pass.Error is null, diagnosis);
        Assert.Equal(8, records.Count);
        Assert.Equal("Zo\0e", records.Single(r => r.Email == "user2@example.com").Fields!["firstName"]);
        Assert.Equal("Zoë 🦊𝄞", records.Single(r => r.Email == "user3@example.com").Fields!["firstName"]);
        Assert.DoesNotContain(records, r => r.Email is "user1@example.com" or "not-an-email");

        // The two refused are dead letters naming the record and the reason, and the outbox is empty.
        Assert.Contains(pass.Failures, line => line.StartsWith("profile 1 at upsert (413): its values make a request of 1,048,", StringComparison.Ordinal) && line.EndsWith("Marketo takes at most 1,000,000 (HTTP 413), so it was not sent", StringComparison.Ordinal));
        Assert.Contains(pass.Failures, line => line == "profile 4 at upsert (1003): Invalid email address 'not-an-email'");
        await using var engineAfter = await f.OpenEngineAsync(secrets: secrets);
        var dead = await engineAfter.Store.DeadLetters.ListAsync(new DeadLetterFilter("marketo"), 10, CancellationToken.None);
        Assert.Equal(["1", "4"], dead.Select(d => d.ProfileKey).Order(StringComparer.Ordinal));
        Assert.Equal(0, (await engineAfter.Store.Outbox.DepthAsync("marketo", null, CancellationToken.None)).Waiting);

        // The buffer kept the source's values as they are.
        var profiles = await engineAfter.Store.Profiles.GetAsync(["1", "2", "3"], CancellationToken.None);
        Assert.Equal(megabyte, profiles["1"].Properties["first_name"]);
        Assert.Equal("Zo\0e", profiles["2"].Properties["first_name"]);
        Assert.Equal("Zoë 🦊𝄞", profiles["3"].Properties["first_name"]);
    }

    /// <summary>Sets one user's column in the sample database, as the application would (its mark moves).</summary>
    internal static async Task SetAsync(string database, int id, string column, string value)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE users SET {column} = $value, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = $id;";
        command.Parameters.AddWithValue("$value", value);
        command.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task AdminAsync(string server, string statement)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(statement, admin);
        await command.ExecuteNonQueryAsync();
    }
}
