using System.Text.Json;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Engine.Samples;
using Highwater.Simulators.Marketo;
using Highwater.Simulators.Pardot;
using Highwater.Simulators.Salesforce;

namespace Highwater.Cli.Tests.Commands.Plan;

/// <summary>
/// <c>plan</c> prices the metadata calls a sync makes beside its data calls (sign-in, the lookups
/// that find the mapped lists, their creation before the first export, Marketo's list adoption),
/// checked against what the sync then spends on each service's simulator.
/// </summary>
public sealed class PlanMetadataTests : IAsyncDisposable
{
    private const string Sources = """
        sources:
          users: { kind: sqlite, connection: app.db, table: users, key: id, mark: updated_at, columns: [email, first_name, country, plan], deleted: deleted }
        groups:
          paying: { rule: { property: plan, op: in, value: [pro, enterprise] } }
          trial: { rule: { property: plan, op: "=", value: trial } }
          enterprise: { rule: { property: plan, op: "=", value: enterprise } }
        destinations:

        """;

    private const string Lists = "    lists: { paying: Paying Customers, trial: Trial Users, enterprise: Enterprise Accounts }\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("hw-plan-metadata-").FullName;
    private IAsyncDisposable? _simulator;

    [Theory]
    [InlineData("marketo")]
    [InlineData("salesforce")]
    [InlineData("pardot")]
    public async Task Plan_FirstSyncAndNext_PriceTheDataAndMetadataCallsTheSyncThenSpends(string service)
    {
        var (destination, environment, counts) = await StartAsync(service);
        var app = new SampleDatabase(Path.Combine(_folder, "app.db"));
        await app.CreateAsync(400, seed: 7, CancellationToken.None);
        var config = Path.Combine(_folder, "highwater.yaml");
        await File.WriteAllTextAsync(config, Sources + destination + Lists);

        // The first sync: nobody exported, no list on the service yet.
        var plan = Plan(config);
        Assert.Equal(0, counts().Total);
        var metadata = plan.GetProperty("metadata");
        (int SignIn, int Lookups, int Creations) expected = service switch
        {
            "marketo" or "salesforce" => (1, 1, 3),
            _ => (1, 3, 3),
        };
        Assert.Equal(expected, (metadata.GetProperty("signIn").GetInt32(), metadata.GetProperty("listLookups").GetInt32(), metadata.GetProperty("listCreations").GetInt32()));
        var pass = await SyncAsync(config, environment);
        var spent = counts();
        Assert.Equal(plan.GetProperty("totalCalls").GetInt64(), pass.DataCalls);
        Assert.Equal(metadata.GetProperty("total").GetInt32() + (service == "marketo" ? 3 : 0), pass.MetadataCalls);
        Assert.Equal(plan.GetProperty("allCalls").GetInt64(), spent.Total);
        Assert.Equal(pass.DataCalls + pass.MetadataCalls, spent.Total);
        Assert.Equal(plan.GetProperty("needed").GetInt64(), spent.Total - spent.Auth);

        // The next sync of a wave: a sign-in and the list lookups again (each process resolves the lists), nothing created.
        await app.ApplyAsync(new SampleDatabase.Wave(Edits: 20, NewUsers: 5, Deletions: 0, EmailChanges: 0, PlanMoves: 5), seed: 9, CancellationToken.None);
        plan = Plan(config);
        metadata = plan.GetProperty("metadata");
        Assert.Equal((1, expected.Lookups, 0), (metadata.GetProperty("signIn").GetInt32(), metadata.GetProperty("listLookups").GetInt32(), metadata.GetProperty("listCreations").GetInt32()));
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("adoption").ValueKind);
        pass = await SyncAsync(config, environment);
        Assert.Equal(metadata.GetProperty("total").GetInt32(), pass.MetadataCalls);
        Assert.Equal(pass.DataCalls + pass.MetadataCalls, counts().Total - spent.Total);
        if (service != "pardot")
        {
            // Pardot's wave costs one data call more than its plan (a data estimate, not the metadata this test is about).
            Assert.Equal(plan.GetProperty("totalCalls").GetInt64(), pass.DataCalls);
            Assert.Equal(plan.GetProperty("allCalls").GetInt64(), counts().Total - spent.Total);
        }
    }

    [Fact]
    public async Task Plan_Text_SaysTheCallsInAll_DataAndMetadata_AndWhatCountsAgainstTheQuota()
    {
        var (destination, _, _) = await StartAsync("marketo");
        await new SampleDatabase(Path.Combine(_folder, "app.db")).CreateAsync(200, seed: 7, CancellationToken.None);
        var config = Path.Combine(_folder, "highwater.yaml");
        await File.WriteAllTextAsync(config, Sources + destination + Lists);

        var result = HighwaterCli.Run("plan", "--config", config);

        Assert.Equal(0, result.ExitCode);
        var data = result.Row("total")[1];
        var all = int.Parse(data, System.Globalization.CultureInfo.InvariantCulture) + 8;
        Assert.Contains($"Calls in all: {data} data + 8 metadata (1 sign-in, 1 list lookup, 3 list creations at most, for lists the service does not have yet, 3 list reads at least) = {all}; {all - 1} count against the quota (a sign-in does not).", result.OutputLines);
        Assert.Contains(result.OutputLines, line => line.StartsWith($"fits: {all - 1} of 40,000 calls left", StringComparison.Ordinal));
    }

    private static JsonElement Plan(string config)
    {
        var result = HighwaterCli.Run("plan", "--config", config, "--json");
        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        return result.Json().GetProperty("destinations")[0];
    }

    private static async Task<ExportPassReport> SyncAsync(string config, Func<string, string?> environment)
    {
        var loaded = ConfigLoader.Load(config);
        Assert.Empty(loaded.Problems);
        await using var engine = await HighwaterEngine.OpenAsync(loaded.Config!, new EngineOptions { Environment = environment, Worker = "test-plan-metadata" }, CancellationToken.None);
        var report = await engine.SyncOnceAsync(null, null, CancellationToken.None);
        Assert.False(report.Failed, string.Join("; ", report.Exports.SelectMany(e => e.Failures)));
        return report.Exports[0];
    }

    // The simulator of the service, the destination block that exports to it, its credentials, and its request counts (all, sign-ins).
    private async Task<(string Destination, Func<string, string?> Environment, Func<(long Total, long Auth)> Counts)> StartAsync(string service)
    {
        switch (service)
        {
            case "marketo":
            {
                var options = new MarketoSimulatorOptions();
                var sim = await MarketoSimulator.StartAsync(options);
                _simulator = sim;
                return (
                    $"  marketo:\n    kind: marketo\n    baseUrl: {sim.BaseAddress}\n    credentials: {{ clientId: \"${{ID}}\", clientSecret: \"${{SECRET}}\" }}\n    fields: {{ email: email, firstName: first_name }}\n    listFolder: 12\n",
                    name => name switch { "ID" => options.ClientId, "SECRET" => options.ClientSecret, _ => null },
                    () => (sim.GetCounts().Total, sim.GetCounts().Of("auth")));
            }

            case "salesforce":
            {
                var options = new SalesforceSimulatorOptions();
                var sim = await SalesforceSimulator.StartAsync(options);
                _simulator = sim;
                return (
                    $"  salesforce:\n    kind: salesforce\n    baseUrl: {sim.BaseAddress}\n    credentials: {{ clientId: \"${{ID}}\", clientSecret: \"${{SECRET}}\" }}\n    fields: {{ Email: email, LastName: first_name }}\n",
                    name => name switch { "ID" => options.ClientId, "SECRET" => options.ClientSecret, _ => null },
                    () => (sim.GetCounts().Total, sim.GetCounts().ByKind.GetValueOrDefault("auth")));
            }

            default:
            {
                var options = new PardotSimulatorOptions();
                var sim = await PardotSimulator.StartAsync(options);
                _simulator = sim;
                return (
                    $"  pardot:\n    kind: pardot\n    baseUrl: {sim.BaseAddress}\n    loginUrl: {sim.BaseAddress}\n    credentials: {{ clientId: \"${{ID}}\", clientSecret: \"${{SECRET}}\", businessUnitId: \"${{BU}}\" }}\n    fields: {{ email: email, first_name: first_name }}\n",
                    name => name switch { "ID" => options.ClientId, "SECRET" => options.ClientSecret, "BU" => options.BusinessUnitId, _ => null },
                    () => (sim.GetCounts().Total, sim.GetCounts().Of("auth")));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
