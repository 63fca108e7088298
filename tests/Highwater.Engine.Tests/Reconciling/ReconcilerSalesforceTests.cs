using Highwater.Engine.Configuration;
using Highwater.Engine.Reconciling;
using Highwater.Engine.Running;
using Highwater.Engine.Samples;
using Highwater.Simulators.Salesforce;

namespace Highwater.Engine.Tests.Reconciling;

/// <summary><c>reconcile</c> against the Salesforce simulator: Contacts read by SOQL with their fields and campaign memberships.</summary>
public sealed class ReconcilerSalesforceTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hw-reconcile-sf-" + Guid.NewGuid().ToString("N")[..10]);
    private SalesforceSimulator _salesforce = null!;
    private SampleDatabase _app = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _salesforce = await SalesforceSimulator.StartAsync(new SalesforceSimulatorOptions());
        _app = new SampleDatabase(Path.Combine(_folder, "app.db"));
        await _app.CreateAsync(150, seed: 5, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _salesforce.DisposeAsync();
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

    [Fact]
    public async Task Reconcile_CrmDamagedByHand_RestoresItInOneRun_AndASecondRunFindsNothing()
    {
        await using (var syncing = await OpenAsync())
        {
            await syncing.SyncOnceAsync(null, null, CancellationToken.None);
        }

        Assert.Empty(await DifferencesAsync());
        var users = await _app.LiveUsersAsync(CancellationToken.None);
        var ids = _salesforce.GetState().Records.ToDictionary(r => r.Email!, r => r.Id, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(_salesforce.DeleteContact(ids[users[i].Email]));
            Assert.True(_salesforce.EditContact(ids[users[10 + i].Email], "MailingCountry", "Atlantis"));
            var listed = users[20 + i];
            Assert.True(_salesforce.SetCampaignMember(ids[listed.Email], SampleProject.ListsOf(listed.Plan).Contains("Trial Users") ? "Paying Customers" : "Trial Users", member: true));
        }

        Assert.Equal(30, (await DifferencesAsync()).Count);

        // Its own process, as `highwater reconcile` is (see the Marketo tests).
        await using var engine = await OpenAsync();
        var salesforce = engine.Destination("salesforce");
        var dry = await new Reconciler(engine, salesforce).RunAsync(null, dryRun: true, CancellationToken.None);
        Assert.Equal(30, (await DifferencesAsync()).Count);

        var first = await new Reconciler(engine, salesforce).RunAsync(null, dryRun: false, CancellationToken.None);
        var second = await new Reconciler(engine, salesforce).RunAsync(null, dryRun: false, CancellationToken.None);

        Assert.Equal(30, dry.Differences.Count);
        Assert.Empty(dry.WriteCalls);
        Assert.Null(first.Error);
        Assert.Equal(30, first.Differences.Count);
        Assert.Equal([(DifferenceKind.MissingRecord, 10), (DifferenceKind.FieldDiffers, 10), (DifferenceKind.ListExtra, 10)], first.Differences.GroupBy(d => d.Kind).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key));
        Assert.All(first.Differences, d => Assert.Equal(FixState.Fixed, d.State));
        Assert.Empty(await DifferencesAsync());

        // One query by e-mail and one by id for the 10 ids no e-mail found; the memberships come with the rows.
        Assert.Equal(2, first.ReadCalls["read"]);
        Assert.False(first.ReadCalls.ContainsKey("readLists"));
        Assert.Equal(first.PlannedReadCalls, first.ReadCalls["read"]);
        Assert.Empty(second.Differences);
        Assert.Empty(second.WriteCalls);
    }

    private Task<IReadOnlyList<string>> DifferencesAsync() => SampleProject.DifferencesAsync(
        _app,
        _salesforce.GetState().Records.Select(r => new SampleRemoteRecord(r.Id, r.Email, r.Fields, r.Lists)),
        firstNameField: "LastName",
        countryField: "MailingCountry");

    private async Task<HighwaterEngine> OpenAsync()
    {
        var path = Path.Combine(_folder, "highwater.yaml");
        await File.WriteAllTextAsync(path, $$"""
            sources:
              users: { kind: sqlite, connection: app.db, table: users, key: id, mark: updated_at, columns: [email, first_name, country, plan], deleted: deleted }
            groups:
              paying: { rule: { property: plan, op: in, value: [pro, enterprise] } }
              trial: { rule: { property: plan, op: "=", value: trial } }
              enterprise: { rule: { property: plan, op: "=", value: enterprise } }
            destinations:
              salesforce:
                kind: salesforce
                baseUrl: {{_salesforce.BaseAddress}}
                credentials: { clientId: "${SF_ID}", clientSecret: "${SF_SECRET}" }
                foreignKey: email
                fields: { Email: email, LastName: first_name, MailingCountry: country }
                lists: { paying: Paying Customers, trial: Trial Users, enterprise: Enterprise Accounts }
                batchSize: 200
            """);
        var loaded = ConfigLoader.Load(path);
        Assert.Empty(loaded.Problems);
        var sim = new SalesforceSimulatorOptions();
        var options = new EngineOptions
        {
            Worker = "test-" + _folder,
            Environment = name => name switch { "SF_ID" => sim.ClientId, "SF_SECRET" => sim.ClientSecret, _ => null },
        };
        return await HighwaterEngine.OpenAsync(loaded.Config!, options, CancellationToken.None);
    }
}
