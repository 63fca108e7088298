using Highwater.Engine.Samples;
using Highwater.Simulators.HubSpot;

namespace Highwater.Cli.Tests.HubSpot;

/// <summary>
/// <c>validate --connect</c> on HubSpot: mapped properties are checked against the account's
/// <c>GET /crm/v3/properties/contacts</c> over the simulator, with a private app's token or OAuth.
/// </summary>
public sealed class ValidateConnectHubSpotTests : IAsyncLifetime
{
    private static readonly HubSpotSimulatorOptions Defaults = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hw-validate-hubspot-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly string _id = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private HubSpotSimulator? _simulator;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await new SampleDatabase(Path.Combine(_folder, "app.db")).CreateAsync(3, seed: 1, CancellationToken.None);
        _simulator = await HubSpotSimulator.StartAsync(new HubSpotSimulatorOptions());
        Environment.SetEnvironmentVariable($"HW_TEST_HUBSPOT_TOKEN_{_id}", Defaults.AccessToken);
        Environment.SetEnvironmentVariable($"HW_TEST_HUBSPOT_CLIENT_{_id}", Defaults.ClientId);
        Environment.SetEnvironmentVariable($"HW_TEST_HUBSPOT_SECRET_{_id}", Defaults.ClientSecret);
        Environment.SetEnvironmentVariable($"HW_TEST_HUBSPOT_REFRESH_{_id}", Defaults.RefreshToken);
    }

    [Fact]
    public async Task ValidateConnect_EveryMappedPropertyExists_Passes_WithOneMetadataCall()
    {
        var config = await WriteConfigAsync(TokenCredentials, "jobtitle: plan");

        var result = HighwaterCli.Run("validate", "--config", config, "--connect");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.OutputLines, line => line.Contains("checked 1 destination(s)", StringComparison.Ordinal));
        Assert.Equal(1, _simulator!.GetCounts().Of("fields"));
    }

    [Fact]
    public async Task ValidateConnect_APropertyTheAccountLacks_AndAReadOnlyOne_EachNamedAtItsLine_WithWhy()
    {
        var config = await WriteConfigAsync(TokenCredentials, "jobtitel: plan", "createdate: country");
        var lines = await File.ReadAllLinesAsync(config);
        var jobtitel = Array.FindIndex(lines, l => l.Contains("jobtitel:", StringComparison.Ordinal)) + 1;
        var createdate = Array.FindIndex(lines, l => l.Contains("createdate:", StringComparison.Ordinal)) + 1;

        var result = HighwaterCli.Run("validate", "--config", config, "--connect");

        Assert.Equal(3, result.ExitCode);
        var problems = result.OutputLines.Where(line => line.Contains("destinations.crm.fields.", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                $"{config}:{jobtitel} destinations.crm.fields.jobtitel: hubspot has no field 'jobtitel' that can be written (similar: jobtitle)",
                $"{config}:{createdate} destinations.crm.fields.createdate: hubspot has no field 'createdate' that can be written",
            ],
            problems);
        Assert.Contains(result.OutputLines, line => line.Contains("2 problem(s)", StringComparison.Ordinal));
        Assert.Equal(1, _simulator!.GetCounts().Of("fields"));
    }

    [Fact]
    public async Task ValidateConnect_OAuth_TakesOneAccessToken_AndChecksTheProperties()
    {
        var config = await WriteConfigAsync(OAuthCredentials, "jobtitle: plan");

        var result = HighwaterCli.Run("validate", "--config", config, "--connect");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal((1, 1L), (_simulator!.OAuthTokensIssued, _simulator.GetCounts().Of("fields")));
        Assert.DoesNotContain(Defaults.ClientSecret, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Defaults.RefreshToken, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateConnect_OAuthAppUninstalled_NamesTheRefusedRefreshToken_Exit3()
    {
        var config = await WriteConfigAsync(OAuthCredentials, "jobtitle: plan");
        _simulator!.SetFaults(new HubSpotFaults { RefuseCredentials = true });

        var result = HighwaterCli.Run("validate", "--config", config, "--connect");

        Assert.Equal(3, result.ExitCode);
        var problem = Assert.Single(result.OutputLines, line => line.Contains(" destinations.crm: ", StringComparison.Ordinal));
        Assert.EndsWith(
            $"destinations.crm: cannot be reached at {_simulator.BaseAddress}: credentials refused (HTTP 400 BAD_REFRESH_TOKEN from HubSpot's token endpoint: missing or invalid refresh token); check credentials.clientId and clientSecret, and that the app is still installed in the account for credentials.refreshToken",
            problem,
            StringComparison.Ordinal);
        Assert.Equal(0, _simulator.GetCounts().Of("fields"));
    }

    [Fact]
    public async Task Validate_OAuthWithoutItsRefreshToken_NamedAtTheCredentialsLine_Exit3()
    {
        var config = await WriteConfigAsync($$"""{ clientId: "${HW_TEST_HUBSPOT_CLIENT_{{_id}}}", clientSecret: "${HW_TEST_HUBSPOT_SECRET_{{_id}}}" }""", "jobtitle: plan");
        var line = Array.FindIndex(await File.ReadAllLinesAsync(config), l => l.Contains("credentials:", StringComparison.Ordinal)) + 1;

        var result = HighwaterCli.Run("validate", "--config", config);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(
            $"{config}:{line} destinations.crm.credentials: refreshToken is required for OAuth, which takes clientId, clientSecret and refreshToken (or give a private app's token instead)",
            result.OutputLines);
    }

    [Fact]
    public async Task Validate_TokenAndOAuthKeysBoth_NamedAtTheTokensLine_Exit3()
    {
        var config = await WriteConfigAsync(
            $$"""
            
                  token: "${HW_TEST_HUBSPOT_TOKEN_{{_id}}}"
                  clientId: "${HW_TEST_HUBSPOT_CLIENT_{{_id}}}"
                  clientSecret: "${HW_TEST_HUBSPOT_SECRET_{{_id}}}"
                  refreshToken: "${HW_TEST_HUBSPOT_REFRESH_{{_id}}}"
            """,
            "jobtitle: plan");
        var line = Array.FindIndex(await File.ReadAllLinesAsync(config), l => l.Contains("token: ", StringComparison.Ordinal)) + 1;

        var result = HighwaterCli.Run("validate", "--config", config);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(
            $"{config}:{line} destinations.crm.credentials.token: give either a private app's token or the OAuth clientId, clientSecret and refreshToken, not both",
            result.OutputLines);
    }

    public async Task DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp folder.
        }
    }

    private string TokenCredentials => $$"""{ token: "${HW_TEST_HUBSPOT_TOKEN_{{_id}}}" }""";

    private string OAuthCredentials =>
        $$"""{ clientId: "${HW_TEST_HUBSPOT_CLIENT_{{_id}}}", clientSecret: "${HW_TEST_HUBSPOT_SECRET_{{_id}}}", refreshToken: "${HW_TEST_HUBSPOT_REFRESH_{{_id}}}" }""";

    /// <summary>A HubSpot destination with <paramref name="credentials"/> (a flow map, or block lines) and e-mail plus <paramref name="fields"/>, one a line.</summary>
    private async Task<string> WriteConfigAsync(string credentials, params string[] fields)
    {
        var config = Path.Combine(_folder, "highwater.yaml");
        await File.WriteAllTextAsync(config, $$"""
            sources:
              users: { kind: sqlite, connection: app.db, table: users, key: id, mark: updated_at, columns: [email, first_name, country, plan] }
            destinations:
              crm:
                kind: hubspot
                baseUrl: {{_simulator!.BaseAddress}}
                credentials: {{credentials}}
                foreignKey: email
                fields:
                  email: email
                  firstname: first_name
            {{string.Concat(fields.Select(f => $"      {f}\n"))}}
            """);
        return config;
    }
}
