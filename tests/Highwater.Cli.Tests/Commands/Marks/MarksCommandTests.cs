using System.Text.Json;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Simulators.Marketo;
using Microsoft.Data.Sqlite;

namespace Highwater.Cli.Tests.Commands.Marks;

/// <summary>
/// Marks that lie (issue 15, item 4b), end to end: <c>init</c>'s project, <c>sync</c>, <c>status</c> and
/// <c>marks</c> run in-process against the Marketo simulator on 127.0.0.1.
/// </summary>
public sealed class MarksCommandTests : IAsyncLifetime
{
    private const string AheadLine = "users: 1 row ahead of the clock (key 31, 2031-01-01T00:00:00Z)";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hw-marks-" + Guid.NewGuid().ToString("N")[..10]);
    private MarketoSimulator _marketo = null!;

    private string Config => Path.Combine(_folder, "highwater.yaml");

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("MARKETO_CLIENT_ID", new MarketoSimulatorOptions().ClientId);
        Environment.SetEnvironmentVariable("MARKETO_CLIENT_SECRET", new MarketoSimulatorOptions().ClientSecret);
        _marketo = await MarketoSimulator.StartAsync(new MarketoSimulatorOptions());
    }

    public async Task DisposeAsync()
    {
        await _marketo.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp folder.
        }
    }

    [Fact]
    public async Task Sync_RowAheadOfTheClock_IsExported_TheMarkStays_AndAnEditOfAnotherRowIsExportedOnTheNextSync()
    {
        Init(users: 40);
        await AppAsync("UPDATE users SET first_name = 'Zed', updated_at = '2031-01-01T00:00:00Z' WHERE id = 31");

        var first = HighwaterCli.Run("sync", "--config", Config);
        var status = HighwaterCli.Run("status", "--config", Config);
        var statusJson = HighwaterCli.Run("status", "--config", Config, "--json");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains(AheadLine, first.OutputLines);
        Assert.Equal("Zed", FirstName(await EmailAsync(31)));
        Assert.Contains(AheadLine, status.OutputLines);
        Assert.Equal(["1 row ahead of the clock (key 31, 2031-01-01T00:00:00Z)"], statusJson.Json().GetProperty("sources")[0].GetProperty("markWarnings").EnumerateArray().Select(w => w.GetString()));
        Assert.DoesNotContain("2031", statusJson.Json().GetProperty("sources")[0].GetProperty("mark").GetString(), StringComparison.Ordinal);

        // An edit made now, behind 2031: a mark moved to 2031 would never read it.
        await AppAsync("UPDATE users SET first_name = 'Edited', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 5");
        var second = HighwaterCli.Run("sync", "--config", Config, "--json");

        Assert.Equal(0, second.ExitCode);
        var poll = second.Json().GetProperty("polls")[0];
        // Row 5's edit changed a profile; row 31 (and any row inside the sample's 1m look-back) was read again unchanged.
        Assert.Equal((1, 1), (poll.GetProperty("rowsRead").GetInt32() - poll.GetProperty("rowsUnchanged").GetInt32(), poll.GetProperty("profilesChanged").GetInt32()));
        Assert.Equal(1, second.Json().GetProperty("exports")[0].GetProperty("exported").GetInt32());
        Assert.Equal("Edited", FirstName(await EmailAsync(5)));
        Assert.Equal("Zed", FirstName(await EmailAsync(31)));
    }

    [Fact]
    public void MarksReset_ThenSync_ReadsEveryRowAgain_AndSpendsNoCalls()
    {
        Init(users: 30);
        Assert.Equal(0, HighwaterCli.Run("sync", "--config", Config).ExitCode);
        var before = _marketo.GetCounts();

        var reset = HighwaterCli.Run("marks", "reset", "users", "--config", Config);
        var list = HighwaterCli.Run("marks", "--config", Config, "--json");
        var sync = HighwaterCli.Run("sync", "--config", Config, "--json");

        Assert.Equal(0, reset.ExitCode);
        Assert.StartsWith("users: mark moved from 20", reset.OutputLines[0], StringComparison.Ordinal);
        Assert.EndsWith(" to the start.", reset.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, list.Json().GetProperty("sources")[0].GetProperty("mark").ValueKind);
        Assert.Equal(0, sync.ExitCode);
        var poll = sync.Json().GetProperty("polls")[0];
        Assert.Equal((30, 30, 0), (poll.GetProperty("rowsRead").GetInt32(), poll.GetProperty("rowsUnchanged").GetInt32(), poll.GetProperty("outboxWritten").GetInt32()));
        var after = _marketo.GetCounts();
        Assert.Equal(before.Total - before.Of("auth"), after.Total - after.Of("auth"));
        Assert.NotEqual(JsonValueKind.Null, HighwaterCli.Run("marks", "list", "--config", Config, "--json").Json().GetProperty("sources")[0].GetProperty("mark").ValueKind);
    }

    [Fact]
    public void MarksResetTo_StartsTheNextPollAtThatMark()
    {
        Init(users: 10);
        Assert.Equal(0, HighwaterCli.Run("sync", "--config", Config).ExitCode);

        var reset = HighwaterCli.Run("marks", "reset", "users", "--to", "2031-01-01", "--config", Config);
        var list = HighwaterCli.Run("marks", "--config", Config);
        var sync = HighwaterCli.Run("sync", "--config", Config, "--json");

        Assert.Equal(0, reset.ExitCode);
        Assert.EndsWith(" to 2031-01-01T00:00:00Z.", reset.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal(("timestamp mark", "2031-01-01T00:00:00Z"), (list.Row("users")[1], list.Row("users")[2]));
        Assert.Equal(0, sync.Json().GetProperty("polls")[0].GetProperty("rowsRead").GetInt32());

        // A mark set ahead of the clock is reported, with the way back.
        var status = HighwaterCli.Run("status", "--config", Config);
        Assert.Contains("users: the mark 2031-01-01T00:00:00Z is ahead of the clock: rows changed before it are not read (move it back with: highwater marks reset users)", status.OutputLines);
    }

    [Theory]
    [InlineData("nobody", null, "Error: no source is named 'nobody' in")]
    [InlineData("users", "yesterday", "Error: --to: 'yesterday' is not a timestamp: give ISO 8601, like 2026-12-01 or 2026-12-01T09:30:00Z (UTC unless an offset is given)")]
    public void MarksReset_UnknownSourceOrBadMark_ExitsTwo_AndMovesNothing(string source, string? to, string error)
    {
        Init(users: 5);
        Assert.Equal(0, HighwaterCli.Run("sync", "--config", Config).ExitCode);
        var mark = HighwaterCli.Run("marks", "--config", Config, "--json").Json().GetProperty("sources")[0].GetProperty("mark").GetString();

        var result = to is null
            ? HighwaterCli.Run("marks", "reset", source, "--config", Config)
            : HighwaterCli.Run("marks", "reset", source, "--to", to, "--config", Config);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(error, result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(mark, HighwaterCli.Run("marks", "--config", Config, "--json").Json().GetProperty("sources")[0].GetProperty("mark").GetString());
    }

    [Fact]
    public async Task MarksReset_DiffModeSource_ExitsTwo_SayingThereIsNoMark()
    {
        Init(users: 5);
        var text = await File.ReadAllTextAsync(Config);
        var lines = text.Split('\n').Where(l => !l.TrimStart().StartsWith("mark: ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("lookBack: ", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Config, string.Join('\n', lines));

        var result = HighwaterCli.Run("marks", "reset", "users", "--config", Config);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Error: source 'users' has no mark: it is read whole and compared row by row every poll, so there is nothing to reset", result.ErrorLines[0]);
    }

    [Fact]
    public async Task MarksReset_WhileAWorkerRuns_ExitsOne_AndMovesNothing()
    {
        Init(users: 5);
        Assert.Equal(0, HighwaterCli.Run("sync", "--config", Config).ExitCode);
        var mark = HighwaterCli.Run("marks", "--config", Config, "--json").Json().GetProperty("sources")[0].GetProperty("mark").GetString();
        var loaded = ConfigLoader.Load(Config);

        string[] errors;
        int exitCode;
        await using (await HighwaterEngine.OpenAsync(loaded.Config!, new EngineOptions(), CancellationToken.None))
        {
            var result = HighwaterCli.Run("marks", "reset", "users", "--config", Config);
            (exitCode, errors) = (result.ExitCode, result.ErrorLines);
        }

        Assert.Equal(1, exitCode);
        Assert.Contains("another highwater process", errors[0], StringComparison.Ordinal);
        Assert.Equal(mark, HighwaterCli.Run("marks", "--config", Config, "--json").Json().GetProperty("sources")[0].GetProperty("mark").GetString());
    }

    [Fact]
    public async Task Validate_MaxFutureSkewOnASourceWithoutATimestampMark_ExitsThree_NamingTheLine()
    {
        Init(users: 5);
        var text = await File.ReadAllTextAsync(Config);
        var lines = text.Split('\n').Where(l => !l.TrimStart().StartsWith("mark: ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("lookBack: ", StringComparison.Ordinal)).ToList();
        var key = lines.FindIndex(l => l.TrimStart().StartsWith("key: ", StringComparison.Ordinal));
        lines.Insert(key + 1, "    maxFutureSkew: 1h");
        await File.WriteAllTextAsync(Config, string.Join('\n', lines));

        var result = HighwaterCli.Run("validate", "--config", Config);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{Config}:{key + 2} sources.users.maxFutureSkew: only for sources with a timestamp mark (an integer mark has no clock to be ahead of)", result.Output + result.Errors, StringComparison.Ordinal);
    }

    private void Init(int users) =>
        Assert.Equal(0, HighwaterCli.Run("init", _folder, "--users", users.ToString(System.Globalization.CultureInfo.InvariantCulture), "--base-url", _marketo.BaseAddress.ToString()).ExitCode);

    private async Task AppAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "app.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<string> EmailAsync(int id)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "app.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT email FROM users WHERE id = {id}";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private string? FirstName(string email) =>
        _marketo.GetState().Records.Single(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase)).Fields?.GetValueOrDefault("firstName");
}
