using Highwater.Core.Governor;
using Highwater.Simulators.Marketo;
using Microsoft.Data.Sqlite;

namespace Highwater.Cli.Tests.Commands.Sync;

/// <summary>
/// Issue 15, items 1 and 2 as a user meets them: <c>sync</c> against the Marketo simulator when the
/// credentials are refused or the day's quota is spent exits 1 with one line saying so, keeps every
/// row waiting, dead-letters nothing, and <c>status</c> says since when the destination fails.
/// </summary>
public sealed class SyncServiceFailureTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hw-cli-fail-" + Guid.NewGuid().ToString("N")[..10]);
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
    public async Task Sync_CredentialsRefused_ExitsOne_SixRowsWait_StatusSaysFailingSince_NextSyncExportsThem()
    {
        Assert.Equal(0, HighwaterCli.Run("init", _folder, "--users", "6", "--base-url", _marketo.BaseAddress.ToString()).ExitCode);
        Assert.Equal(0, HighwaterCli.Run("sync", "--config", Config).ExitCode);
        await ExecuteAsync("UPDATE users SET first_name = first_name || 'x', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+1 second')");
        _marketo.SetFaults(new MarketoFaults { RefuseCredentials = true });

        var refused = HighwaterCli.Run("sync", "--config", Config);
        var status = HighwaterCli.Run("status", "--config", Config);
        var letters = HighwaterCli.Run("deadletters", "list", "--config", Config);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("marketo: credentials refused (HTTP 401 from identity); 6 rows wait", refused.Output, StringComparison.Ordinal);
        Assert.Contains("failing since ", status.Output, StringComparison.Ordinal);
        Assert.Contains("marketo: credentials refused (HTTP 401 from identity); 6 rows wait", status.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("profile ", letters.Output, StringComparison.Ordinal);

        _marketo.SetFaults(new MarketoFaults { RefuseCredentials = false });
        var again = HighwaterCli.Run("sync", "--config", Config);
        var after = HighwaterCli.Run("status", "--config", Config);

        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("failing since", after.Output, StringComparison.Ordinal);
        Assert.All(_marketo.GetState().Records, r => Assert.EndsWith("x", r.Fields?.GetValueOrDefault("firstName") ?? "", StringComparison.Ordinal));
    }

    /// <summary>The issue's reproduction: 49,995 of the 50,000 calls spent by others, then 2,000 changed rows.</summary>
    [Fact]
    public void Sync_DailyQuotaSpent_ExitsOne_SayingHowManyRowsWaitUntilTheReset_AndSoDoesTheNextSync()
    {
        Assert.Equal(0, HighwaterCli.Run("init", _folder, "--users", "2000", "--base-url", _marketo.BaseAddress.ToString()).ExitCode);
        _marketo.SetFaults(new MarketoFaults { SpentToday = 49_995 });
        var reset = new CalendarWindow(new CalendarWindowOptions { Limit = 50_000, TimeZone = "America/Chicago" }).NextReset(TimeProvider.System.GetUtcNow());
        var expected = $"marketo: daily quota spent; 2,000 rows wait until {reset.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} (reset, America/Chicago)";

        var first = HighwaterCli.Run("sync", "--config", Config);
        var second = HighwaterCli.Run("sync", "--config", Config);
        var letters = HighwaterCli.Run("deadletters", "list", "--config", Config);

        Assert.Equal(1, first.ExitCode);
        Assert.True(first.Output.Contains(expected, StringComparison.Ordinal), first.Output);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains(expected, second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("profile ", letters.Output, StringComparison.Ordinal);
        Assert.Empty(_marketo.GetState().Records);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "app.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
