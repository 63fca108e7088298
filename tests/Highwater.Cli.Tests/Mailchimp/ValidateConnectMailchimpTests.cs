using Highwater.Engine.Samples;
using Highwater.Simulators.Mailchimp;

namespace Highwater.Cli.Tests.Mailchimp;

/// <summary><c>validate --connect</c> on Mailchimp: mapped merge tags are checked against the audience's merge fields, over the simulator.</summary>
public sealed class ValidateConnectMailchimpTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hw-validate-mailchimp-" + Guid.NewGuid().ToString("N")[..10]);
    private MailchimpSimulator? _simulator;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await new SampleDatabase(Path.Combine(_folder, "app.db")).CreateAsync(3, seed: 1, CancellationToken.None);
        _simulator = await MailchimpSimulator.StartAsync(new MailchimpSimulatorOptions());
        Environment.SetEnvironmentVariable("HW_TEST_MAILCHIMP_KEY", new MailchimpSimulatorOptions().ApiKey);
    }

    [Fact]
    public async Task ValidateConnect_NamesAMergeTagTheAudienceLacks_WithTheSimilarOnes()
    {
        var config = await WriteConfigAsync("{ email: email, FNAME: first_name, COUNTRYY: country }");

        var result = HighwaterCli.Run("validate", "--config", config, "--connect");

        Assert.Equal(3, result.ExitCode);
        var problem = Assert.Single(result.OutputLines, line => line.Contains("destinations.audience.fields.", StringComparison.Ordinal));
        Assert.EndsWith("destinations.audience.fields.COUNTRYY: mailchimp has no field 'COUNTRYY' that can be written (similar: COUNTRY)", problem, StringComparison.Ordinal);
        Assert.Equal(1, _simulator!.GetCounts().Of("fields"));
    }

    [Fact]
    public async Task ValidateConnect_EveryMappedTagExists_Passes()
    {
        var config = await WriteConfigAsync("{ email: email, FNAME: first_name, COUNTRY: country }");

        var result = HighwaterCli.Run("validate", "--config", config, "--connect");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, _simulator!.GetCounts().Of("fields"));
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

    private async Task<string> WriteConfigAsync(string fields)
    {
        _simulator!.Seed(new MailchimpSeed { MergeFields = ["COUNTRY"] });
        var config = Path.Combine(_folder, "highwater.yaml");
        await File.WriteAllTextAsync(config, $$"""
            sources:
              users: { kind: sqlite, connection: app.db, table: users, key: id, mark: updated_at, columns: [email, first_name, country, plan] }
            destinations:
              audience:
                kind: mailchimp
                baseUrl: {{_simulator.BaseAddress}}
                credentials: { apiKey: "${HW_TEST_MAILCHIMP_KEY}" }
                listId: {{new MailchimpSimulatorOptions().ListId}}
                foreignKey: email
                fields: {{fields}}
            """);
        return config;
    }
}
