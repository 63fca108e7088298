using Highwater.Engine.Samples;

namespace Highwater.Cli.Tests.Commands.Validate;

/// <summary><c>validate --connect</c> on Pardot: mapped fields are checked against the documented prospect fields and the configured custom ones.</summary>
public sealed class ValidateConnectPardotTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hw-validate-pardot-" + Guid.NewGuid().ToString("N")[..10]);

    [Fact]
    public async Task ValidateConnect_NamesAFieldPardotLacks_AndAcceptsADeclaredCustomField()
    {
        Directory.CreateDirectory(_folder);
        await new SampleDatabase(Path.Combine(_folder, "app.db")).CreateAsync(3, seed: 1, CancellationToken.None);
        var config = Path.Combine(_folder, "highwater.yaml");
        await File.WriteAllTextAsync(config, """
            sources:
              users: { kind: sqlite, connection: app.db, table: users, key: id, mark: updated_at, columns: [email, first_name, country, plan] }
            destinations:
              pardot:
                kind: pardot
                baseUrl: http://127.0.0.1:1/
                credentials: { clientId: "${PARDOT_ID}", clientSecret: "${PARDOT_SECRET}", businessUnitId: "${PARDOT_BU}" }
                fields: { email: email, firstname: first_name, country: country, plan_tier: plan }
                customFields: [plan_tier]
            """);
        Environment.SetEnvironmentVariable("PARDOT_ID", "id");
        Environment.SetEnvironmentVariable("PARDOT_SECRET", "secret");
        Environment.SetEnvironmentVariable("PARDOT_BU", "bu");

        var result = HighwaterCli.Run("validate", "--config", config, "--connect");

        Assert.Equal(3, result.ExitCode);
        var problem = Assert.Single(result.OutputLines, line => line.Contains("destinations.pardot.fields.", StringComparison.Ordinal));
        Assert.EndsWith("destinations.pardot.fields.firstname: pardot has no field 'firstname' that can be written (similar: first_name)", problem, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp folder.
        }
    }
}
