using Highwater.Engine.Samples;
using Highwater.Storage.Ingest;
using Npgsql;

namespace Highwater.Cli.Tests.Commands.Plan;

/// <summary>
/// <c>plan</c> on a PostgreSQL buffer: it cannot poll into a copy, so it polls nothing, says so, and
/// estimates what already waits without claiming it. Needs the server HIGHWATER_TEST_POSTGRES names.
/// </summary>
public sealed class PlanOnPostgresTests
{
    private const string Variable = "HIGHWATER_TEST_POSTGRES";

    [SkippableFact]
    public async Task Plan_OnPostgres_PollsNothing_EstimatesWhatWaits_ClaimsNothing_AndPrintsNoConnection()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrWhiteSpace(server), $"needs a PostgreSQL server: set {Variable} (eval \"$(sudo eng/test-databases.sh)\")");
        var database = $"hw_{Guid.NewGuid():N}";
        var variable = $"HW_PG_{Guid.NewGuid():N}"[..14];
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database};", admin);
            await create.ExecuteNonQueryAsync();
        }

        Environment.SetEnvironmentVariable(variable, connection);
        try
        {
            await using var f = await SampleProjectFixture.CreateAsync(
                users: 200,
                uri => SampleProject.Config(uri).Replace("sqlite: .highwater/buffer.db ", $"postgres: ${{{variable}}}", StringComparison.Ordinal));
            var secrets = new Dictionary<string, string> { [variable] = connection };
            await using (var engine = await f.OpenEngineAsync(secrets: secrets))
            {
                await engine.SyncOnceAsync(null, null, CancellationToken.None);
                await f.App.ApplyAsync(new SampleDatabase.Wave(Edits: 10, NewUsers: 5, Deletions: 2, EmailChanges: 0, PlanMoves: 3), seed: 9, CancellationToken.None);
                await engine.PollAsync(null, CancellationToken.None);
                await f.App.ApplyAsync(new SampleDatabase.Wave(Edits: 7, NewUsers: 0, Deletions: 0, EmailChanges: 0, PlanMoves: 0), seed: 10, CancellationToken.None);
            }

            var calls = f.Marketo.GetCounts().Total;
            var result = SampleProjectFixture.Run("plan", "--config", f.ConfigPath, "--json");

            Assert.Equal(0, result.ExitCode);
            Assert.DoesNotContain(connection, result.Output, StringComparison.Ordinal);
            var json = result.Json();
            Assert.Equal(("postgres", false), (json.GetProperty("store").GetString(), json.GetProperty("polled").GetBoolean()));
            Assert.StartsWith("the buffer is PostgreSQL", json.GetProperty("notPolledReason").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, json.GetProperty("sources").GetArrayLength());
            Assert.Equal(20, json.GetProperty("destinations")[0].GetProperty("rows").GetProperty("total").GetInt64());
            Assert.Equal(calls, f.Marketo.GetCounts().Total);

            // Nothing was claimed, and the second wave is still unread: the next poll finds it.
            await using (var engine = await f.OpenEngineAsync(secrets: secrets))
            {
                Assert.Equal(20, (await engine.Store.Outbox.ClaimAsync("marketo", OutboxLane.Live, 100, "another-worker", TimeSpan.FromMinutes(1), CancellationToken.None)).Count);
                Assert.Equal(7, (await engine.PollAsync(null, CancellationToken.None))[0].ProfilesChanged);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE);", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
