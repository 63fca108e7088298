using System.Text;
using Highwater.Engine.Samples;
using Highwater.Simulators.HubSpot;

namespace Highwater.Cli.Tests.Commands.Secrets;

/// <summary>
/// HubSpot OAuth with canary secrets: the client secret through <c>${file:...}</c>, the client id
/// and refresh token through <c>${ENV}</c>, all accepted by the simulator's token endpoint. Commands
/// (run as processes, debug logging on) use them and print none of them, nor an access token the
/// endpoint issued; the buffer holds none.
/// </summary>
public sealed class HubSpotOAuthCanaryTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly string _id = Guid.NewGuid().ToString("N")[..10];
    private string _folder = "";
    private HubSpotSimulator _hubspot = null!;

    private string ClientId => $"canary-client-{_id}";

    private string ClientSecret => $"canary-secret-{_id}";

    private string RefreshToken => $"canary-refresh-{_id}";

    private string ConfigPath => Path.Combine(_folder, "highwater.yaml");

    private Dictionary<string, string> Environment => new()
    {
        [$"HW_CANARY_CLIENT_{_id}"] = ClientId,
        [$"HW_CANARY_REFRESH_{_id}"] = RefreshToken,
    };

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("hw-canary-hubspot-").FullName;
        _hubspot = await HubSpotSimulator.StartAsync(new HubSpotSimulatorOptions { ClientId = ClientId, ClientSecret = ClientSecret, RefreshToken = RefreshToken });
        await new SampleDatabase(Path.Combine(_folder, "app.db")).CreateAsync(12, seed: 3, CancellationToken.None);
        var secretFile = Path.Combine(_folder, "hubspot-secret");
        await File.WriteAllTextAsync(secretFile, ClientSecret);
        var config = $$"""
            sources:
              users: { kind: sqlite, connection: app.db, table: users, key: id, mark: updated_at, columns: [email, first_name, country, plan] }
            destinations:
              crm:
                kind: hubspot
                baseUrl: {{_hubspot.BaseAddress}}
                credentials:
                  clientId: "${HW_CANARY_CLIENT_{{_id}}}"
                  clientSecret: "${file:{{secretFile}}}"
                  refreshToken: "${HW_CANARY_REFRESH_{{_id}}}"
                foreignKey: email
                fields: { email: email, firstname: first_name, country: country }
            """;
        Assert.DoesNotContain(ClientSecret, config, StringComparison.Ordinal);
        Assert.DoesNotContain(RefreshToken, config, StringComparison.Ordinal);
        await File.WriteAllTextAsync(ConfigPath, config);
    }

    public async Task DisposeAsync()
    {
        await _hubspot.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temporary folder.
        }
    }

    [Fact]
    public async Task ValidateConnectAndSync_AtDebugLevel_ExportWithOAuth_AndPrintNoSecretNorAccessToken()
    {
        var validate = await CliProcess.RunAsync(_folder, Environment, Deadline, "validate", "--config", ConfigPath, "--connect");
        var sync = await CliProcess.RunAsync(_folder, Environment, Deadline, "sync", "--config", ConfigPath, "--log-level", "debug");

        Assert.True(validate.ExitCode == 0, $"validate --connect exited {validate.ExitCode}:\n{validate.Output}\n{validate.Errors}");
        Assert.True(sync.ExitCode == 0, $"sync exited {sync.ExitCode}:\n{sync.Output}\n{sync.Errors}");
        Assert.Equal(12, _hubspot.GetState().Records.Count);
        Assert.Equal(2, _hubspot.OAuthTokensIssued);
        var issued = _hubspot.IssuedOAuthTokens();
        foreach (var (_, output, errors) in new[] { validate, sync })
        {
            foreach (var canary in (string[])[ClientId, ClientSecret, RefreshToken, .. issued])
            {
                Assert.DoesNotContain(canary, output, StringComparison.Ordinal);
                Assert.DoesNotContain(canary, errors, StringComparison.Ordinal);
            }
        }

        foreach (var file in Directory.GetFiles(Path.Combine(_folder, ".highwater"), "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var canary in (string[])[ClientSecret, RefreshToken, .. issued])
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary)) < 0, $"{file} holds {canary}");
            }
        }
    }
}
