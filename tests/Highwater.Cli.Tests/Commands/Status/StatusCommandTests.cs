using System.Globalization;
using System.Text.Json;
using Highwater.Engine.Samples;
using Highwater.Storage.DeadLetters;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace Highwater.Cli.Tests.Commands.Status;

/// <summary><c>highwater status</c>: what the buffer knows, read beside a running worker, with no service call.</summary>
public sealed class StatusCommandTests
{
    [Fact]
    public async Task Status_BeforeAnySync_SaysNothingWasPolled_AndDoesNotMakeTheBuffer()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 10);

        var result = SampleProjectFixture.Run("status", "--config", f.ConfigPath, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(f.BufferPath));
        var json = result.Json();
        Assert.False(json.GetProperty("store").GetProperty("exists").GetBoolean());
        var source = json.GetProperty("sources")[0];
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, 0L), (source.GetProperty("mark").ValueKind, source.GetProperty("lastPolledAt").ValueKind, source.GetProperty("rows").GetInt64()));
        var marketo = json.GetProperty("destinations")[0];
        Assert.Equal(0, marketo.GetProperty("outbox").GetProperty("total").GetInt64());
        Assert.Equal((0L, 40_000L), (marketo.GetProperty("quota").GetProperty("used").GetInt64(), marketo.GetProperty("quota").GetProperty("left").GetInt64()));
        Assert.Equal(("configured", 300.0), (marketo.GetProperty("window").GetProperty("source").GetString(), marketo.GetProperty("window").GetProperty("seconds").GetDouble()));
        Assert.Equal(JsonValueKind.Null, marketo.GetProperty("lastRun").ValueKind);
    }

    [Fact]
    public async Task Status_AfterASyncAndAWavePolled_ShowsMarksOutboxQuotaLastRunAndDeadLetters_BesideARunningWorker()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 400);
        var first = await f.SyncAsync();
        await f.App.ApplyAsync(new SampleDatabase.Wave(Edits: 20, NewUsers: 10, Deletions: 5, EmailChanges: 0, PlanMoves: 5), seed: 3, CancellationToken.None);

        // A worker holds the engine's lock and has polled the wave but not exported it.
        await using var worker = await f.OpenEngineAsync(takeLock: true);
        await worker.PollAsync(null, CancellationToken.None);
        var failedAt = TimeProvider.System.GetUtcNow().AddHours(-1);
        await worker.Store.DeadLetters.AddAsync([new DeadLetter(0, "marketo", "1", "profile 1 at create (1006): invalid email", 3, failedAt)], CancellationToken.None);
        var calls = f.Marketo.GetCounts().Total;

        var result = SampleProjectFixture.Run("status", "--config", f.ConfigPath, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(calls, f.Marketo.GetCounts().Total);
        var json = result.Json();
        Assert.True(json.GetProperty("store").GetProperty("exists").GetBoolean());
        var source = json.GetProperty("sources")[0];
        Assert.Equal(410, source.GetProperty("rows").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, source.GetProperty("mark").ValueKind);
        var marketo = json.GetProperty("destinations")[0];
        var outbox = marketo.GetProperty("outbox");
        Assert.Equal((40L, 40L, 0L), (outbox.GetProperty("total").GetInt64(), outbox.GetProperty("live").GetInt64(), outbox.GetProperty("backfill").GetInt64()));
        Assert.InRange(outbox.GetProperty("oldestWaitingSeconds").GetDouble(), 0, 600);
        Assert.Equal(calls - f.Marketo.GetCounts().Of("auth"), marketo.GetProperty("quota").GetProperty("used").GetInt64());
        var lastRun = marketo.GetProperty("lastRun");
        Assert.Equal((400, 0, first.Exports[0].DataCalls), (lastRun.GetProperty("exported").GetInt32(), lastRun.GetProperty("failed").GetInt32(), lastRun.GetProperty("calls").GetInt64()));
        Assert.Equal("lastRun", marketo.GetProperty("window").GetProperty("source").GetString());
        Assert.StartsWith("window ", marketo.GetProperty("window").GetProperty("forecast").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, marketo.GetProperty("deadLetters").GetInt64());
        Assert.Equal(["Enterprise Accounts", "Paying Customers", "Trial Users"], marketo.GetProperty("adoptedLists").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Status_TwoUsersWithOneEmail_NamesTheDuplicateAndBothProfiles_WhileTheCrmHoldsOneRecordUnderIt()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 20);
        var users = await f.App.LiveUsersAsync(CancellationToken.None);
        var (first, second) = (users[2], users[7]);
        await using (var connection = new SqliteConnection($"Data Source={f.App.Path};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE users SET email = $email WHERE id = $id";
            command.Parameters.AddWithValue("$email", first.Email);
            command.Parameters.AddWithValue("$id", second.Id);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await f.SyncAsync();
        var json = SampleProjectFixture.Run("status", "--config", f.ConfigPath, "--json");
        var text = SampleProjectFixture.Run("status", "--config", f.ConfigPath);

        // The CRM: one record under the address, the first user's; 19 records in all.
        var records = f.Marketo.GetState().Records;
        var held = Assert.Single(records, r => string.Equals(r.Email, first.Email, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(19, records.Count);
        var names = new[] { first.FirstName, second.FirstName };
        Assert.Contains(held.Fields?.GetValueOrDefault("firstName"), names);
        Assert.Equal((0, 0), (json.ExitCode, text.ExitCode));
        var shared = Assert.Single(json.Json().GetProperty("destinations")[0].GetProperty("sharedKeys").EnumerateArray());
        Assert.Equal(first.Email, shared.GetProperty("key").GetString(), StringComparer.OrdinalIgnoreCase);
        var profiles = shared.GetProperty("profiles").EnumerateArray().Select(p => p.GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { first.Id, second.Id }.Select(id => id.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal), profiles);
        Assert.Contains(text.OutputLines, l => l.Contains($"duplicate in the source: {shared.GetProperty("key").GetString()} is shared by profiles {string.Join(", ", shared.GetProperty("profiles").EnumerateArray().Select(p => p.GetString()))}", StringComparison.Ordinal));

        // The loser is named by a dead letter that names the address.
        await using var store = await f.OpenBufferAsync();
        var letter = Assert.Single(await store.DeadLetters.ListAsync(new DeadLetterFilter("marketo"), 10, CancellationToken.None));
        Assert.Contains(first.Email, letter.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Status_Text_HasASourceRowADestinationRowAndTheDetails()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 50);
        await f.SyncAsync();

        var result = SampleProjectFixture.Run("status", "--config", f.ConfigPath);

        Assert.Equal(0, result.ExitCode);
        var source = result.Row("users");
        Assert.Equal("50", source[3]);
        Assert.EndsWith(" ago", source[2], StringComparison.Ordinal);
        var marketo = result.Row("marketo");
        Assert.Equal(("0", "-", "0"), (marketo[1], marketo[2], marketo[6]));
        Assert.Equal(40_000 - int.Parse(marketo[3], NumberStyles.AllowThousands, CultureInfo.InvariantCulture), int.Parse(marketo[4], NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.Contains(result.OutputLines, line => line.StartsWith($"quota (day): {marketo[3]} of 50,000 used (reserve 10,000), {marketo[4]} left; resets at ", StringComparison.Ordinal));
        Assert.Contains(result.OutputLines, line => line.StartsWith("last run ", StringComparison.Ordinal) && line.Contains(": 1 batch, 50 exported, 0 deleted, 0 to retry, 0 failed;", StringComparison.Ordinal));
        Assert.Contains(result.OutputLines, line => line.StartsWith("at the last run: window ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StatusAndPlan_AtATerminal_DrawSpectreTables()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 30);
        await f.SyncAsync();
        foreach (var verb in new[] { "status", "plan" })
        {
            var terminal = new TerminalOutput();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = terminal, Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });

            var result = HighwaterCli.Run(console, () => terminal.Writer.ToString()!, verb, "--config", f.ConfigPath);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("╭", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(result.OutputLines, line => line.StartsWith('|'));
            Assert.Contains(result.OutputLines, line => line.StartsWith("│ users", StringComparison.Ordinal));
        }
    }
}
