using System.Text.Json;
using Highwater.Engine.Samples;

namespace Highwater.Cli.Tests.Commands.Plan;

/// <summary><c>plan</c> shows which path Pardot's export takes (batch calls or one Import API job), chosen by cost.</summary>
public sealed class PlanPardotPathTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hw-plan-pardot-" + Guid.NewGuid().ToString("N")[..10]);

    [Theory]
    [InlineData(600, "bulk job")]
    // 40 never exported: 40 lookups and a create against a job of 5 saves 36, more than the 20 a job's wait is worth.
    [InlineData(40, "bulk job")]
    // 10: the job would save 6, less than its wait is worth.
    [InlineData(10, "batch calls")]
    public async Task Plan_PardotWithImportsOn_ShowsThePathChosenForTheBatch(int users, string path)
    {
        Directory.CreateDirectory(_folder);
        await new SampleDatabase(Path.Combine(_folder, "app.db")).CreateAsync(users, seed: 4, CancellationToken.None);
        var config = Path.Combine(_folder, "highwater.yaml");
        await File.WriteAllTextAsync(config, """
            sources:
              users: { kind: sqlite, connection: app.db, table: users, key: id, mark: updated_at, columns: [email, first_name, country, plan], deleted: deleted }
            groups:
              paying: { rule: { property: plan, op: in, value: [pro, enterprise] } }
            destinations:
              pardot:
                kind: pardot
                baseUrl: http://127.0.0.1:1/
                credentials: { clientId: "${PARDOT_ID}", clientSecret: "${PARDOT_SECRET}", businessUnitId: "${PARDOT_BU}" }
                fields: { email: email, first_name: first_name, country: country }
                lists: { paying: Paying Customers }
                importCampaignId: 8245
            """);

        var result = HighwaterCli.Run("plan", "--config", config, "--json");

        Assert.Equal(0, result.ExitCode);
        var paths = JsonDocument.Parse(result.Output).RootElement.GetProperty("destinations")[0].GetProperty("paths").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.StartsWith(path, Assert.Single(paths), StringComparison.Ordinal);
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
