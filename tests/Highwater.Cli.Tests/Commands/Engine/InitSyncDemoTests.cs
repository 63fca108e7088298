using System.Text.Json;
using Highwater.Simulators.Marketo;
using Microsoft.Data.Sqlite;

namespace Highwater.Cli.Tests.Commands.Engine;

/// <summary><c>init</c>, <c>sync</c> and <c>demo</c>, run in-process against the Marketo simulator on 127.0.0.1.</summary>
public sealed class InitSyncDemoTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hw-cli-" + Guid.NewGuid().ToString("N")[..10]);
    private MarketoSimulator _marketo = null!;

    public async Task InitializeAsync()
    {
        // The sample configuration names its secrets by reference; the simulator's values stand in for a real account's.
        Environment.SetEnvironmentVariable("MARKETO_CLIENT_ID", new MarketoSimulatorOptions().ClientId);
        Environment.SetEnvironmentVariable("MARKETO_CLIENT_SECRET", new MarketoSimulatorOptions().ClientSecret);
        _marketo = await MarketoSimulator.StartAsync(new MarketoSimulatorOptions());
    }

    public async Task DisposeAsync()
    {
        await _marketo.DisposeAsync();
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
    public void Init_MakesAProjectThatValidates_AndRefusesToOverwriteIt()
    {
        var made = HighwaterCli.Run("init", _folder, "--users", "25");
        var valid = HighwaterCli.Run("validate", "--config", Path.Combine(_folder, "highwater.yaml"));
        var again = HighwaterCli.Run("init", _folder);

        Assert.Equal(0, made.ExitCode);
        Assert.True(File.Exists(Path.Combine(_folder, "app.db")));
        Assert.Equal(0, valid.ExitCode);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("never overwrites", again.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateConnect_ReadsEverySource_AndNamesAMissingColumnOrDatabase()
    {
        Assert.Equal(0, HighwaterCli.Run("init", _folder, "--users", "5", "--base-url", _marketo.BaseAddress.ToString()).ExitCode);
        var config = Path.Combine(_folder, "highwater.yaml");
        var reachable = HighwaterCli.Run("validate", "--config", config, "--connect");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config)).Replace("firstName: first_name", "fristName: first_name", StringComparison.Ordinal));
        var misspelt = HighwaterCli.Run("validate", "--config", config, "--connect");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config)).Replace("fristName: first_name", "firstName: first_name", StringComparison.Ordinal));
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "app.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE users RENAME COLUMN country TO land";
            await command.ExecuteNonQueryAsync();
        }

        var renamed = HighwaterCli.Run("validate", "--config", config, "--connect");
        var offline = HighwaterCli.Run("validate", "--config", config);
        File.Move(Path.Combine(_folder, "app.db"), Path.Combine(_folder, "gone.db"));
        var missing = HighwaterCli.Run("validate", "--config", config, "--connect");

        Assert.Equal(0, reachable.ExitCode);
        Assert.Contains("Connected to 1 source(s) (each table or query and its columns are there) and checked 1 destination(s) (every mapped field found among the service's writable fields: " + Highwater.Cli.Commands.Validate.ValidateCommand.FieldSources() + ").", System.Text.RegularExpressions.Regex.Replace(reachable.Output, @"\s+", " "), StringComparison.Ordinal);
        Assert.Equal(3, misspelt.ExitCode);
        Assert.Contains("destinations.marketo.fields.fristName: marketo has no field 'fristName' that can be written (similar: firstName)", misspelt.Output, StringComparison.Ordinal);
        Assert.Equal(3, renamed.ExitCode);
        Assert.Contains("highwater.yaml sources.users: cannot be read: source 'users':", renamed.Output, StringComparison.Ordinal);
        Assert.Contains("column 'country' not found", renamed.Output, StringComparison.Ordinal);
        Assert.Equal(0, offline.ExitCode);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("sources.users: cannot be read: source 'users':", missing.Output, StringComparison.Ordinal);

        // Each --connect run described Marketo's fields once and wrote nothing.
        var counts = _marketo.GetCounts();
        Assert.Equal(4, counts.Of("describe"));
        Assert.Equal(0, counts.ByKind.Where(k => k.Key is "upsert" or "create" or "update" or "delete" or "listAdd" or "listRemove").Sum(k => k.Value));
    }

    [Fact]
    public void Sync_ExportsEveryUser_ThenNothing_AndSaysSoInJson()
    {
        Assert.Equal(0, HighwaterCli.Run("init", _folder, "--users", "400", "--base-url", _marketo.BaseAddress.ToString()).ExitCode);
        var config = Path.Combine(_folder, "highwater.yaml");

        var first = HighwaterCli.Run("sync", "--config", config, "--json");
        var second = HighwaterCli.Run("sync", "--config", config, "--json");

        Assert.Equal(0, first.ExitCode);
        var export = JsonDocument.Parse(first.Output).RootElement.GetProperty("exports")[0];
        Assert.Equal((400, 0, false), (export.GetProperty("exported").GetInt32(), export.GetProperty("waiting").GetInt32(), JsonDocument.Parse(first.Output).RootElement.GetProperty("failed").GetBoolean()));
        Assert.Equal(400, _marketo.GetState().Records.Count);
        Assert.True(export.GetProperty("dataCalls").GetInt32() < export.GetProperty("unbatchedCalls").GetInt32() / 10);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(0, JsonDocument.Parse(second.Output).RootElement.GetProperty("exports")[0].GetProperty("dataCalls").GetInt32());
        Assert.DoesNotContain(new MarketoSimulatorOptions().ClientSecret, first.Output + first.Errors + second.Output + second.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_AUserWithoutAnEmail_ExitsNonZero_NamingTheProfileAndTheReason_AndExportsTheRest()
    {
        Assert.Equal(0, HighwaterCli.Run("init", _folder, "--users", "30", "--base-url", _marketo.BaseAddress.ToString()).ExitCode);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "app.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE users SET email = NULL WHERE id = 7";
            await command.ExecuteNonQueryAsync();
        }

        var result = HighwaterCli.Run("sync", "--config", Path.Combine(_folder, "highwater.yaml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("profile 7 has no email", result.Output, StringComparison.Ordinal);
        Assert.Equal(29, _marketo.GetState().Records.Count);
    }

    [Fact]
    public void Sync_ServiceUnreachable_ExitsNonZero_NamingTheDestination_AndKeepsTheRowsWaiting()
    {
        // Port 1 on the loopback: nothing listens there, so every connection is refused (after the executor's retries).
        var port = 1;
        Assert.Equal(0, HighwaterCli.Run("init", _folder, "--users", "20", "--base-url", $"http://127.0.0.1:{port}/").ExitCode);

        var result = HighwaterCli.Run("sync", "--config", Path.Combine(_folder, "highwater.yaml"), "--json");

        Assert.Equal(1, result.ExitCode);
        var export = JsonDocument.Parse(result.Output).RootElement.GetProperty("exports")[0];
        Assert.StartsWith("marketo (marketo at http://127.0.0.1:1/)", export.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(20, export.GetProperty("waiting").GetInt32());
    }

    [Fact]
    public void Sync_WithoutAConfiguration_SaysHowToMakeOne()
    {
        var result = HighwaterCli.Run("sync", "--config", Path.Combine(_folder, "missing.yaml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("highwater init", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_SmallRun_ConvergesInBothPhases_AndPrintsTheTable()
    {
        var result = HighwaterCli.Run("demo", "--users", "300", "--json");

        Assert.Equal(0, result.ExitCode);
        var demo = JsonDocument.Parse(result.Output).RootElement;
        var phases = demo.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(2, phases.Count);
        Assert.All(phases, p => Assert.Equal(0, p.GetProperty("differences").GetInt32()));
        Assert.Equal(300, phases[0].GetProperty("exported").GetInt32());
        Assert.True(phases[1].GetProperty("deleted").GetInt32() > 0);
        Assert.Equal(0, demo.GetProperty("rateLimitRejections").GetInt64());
    }
}
