using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Engine.Samples;
using Highwater.Simulators.Pardot;

namespace Highwater.Engine.Tests.Running;

/// <summary>The engine against the Pardot simulator: memberships ride on the prospect writes, so list changes cost no call of their own.</summary>
public sealed class EnginePardotTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hw-pardot-" + Guid.NewGuid().ToString("N")[..10]);
    private PardotSimulator _pardot = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _pardot = await PardotSimulator.StartAsync(new PardotSimulatorOptions());
    }

    public async Task DisposeAsync()
    {
        await _pardot.DisposeAsync();
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
    public async Task Sync_InitialLoadThenAWave_ConvergesWithNoListCalls()
    {
        var app = new SampleDatabase(Path.Combine(_folder, "app.db"));
        await app.CreateAsync(120, seed: 3, CancellationToken.None);
        var path = Path.Combine(_folder, "highwater.yaml");
        await File.WriteAllTextAsync(path, $$"""
            sources:
              users: { kind: sqlite, connection: app.db, table: users, key: id, mark: updated_at, columns: [email, first_name, country, plan], deleted: deleted }
            groups:
              paying: { rule: { property: plan, op: in, value: [pro, enterprise] } }
              trial: { rule: { property: plan, op: "=", value: trial } }
            destinations:
              pardot:
                kind: pardot
                baseUrl: {{_pardot.BaseAddress}}
                loginUrl: {{_pardot.BaseAddress}}
                credentials: { clientId: "${PARDOT_ID}", clientSecret: "${PARDOT_SECRET}", businessUnitId: "${PARDOT_BU}" }
                fields: { email: email, first_name: first_name, country: country }
                lists: { paying: Paying Customers, trial: Trial Users }
                batchSize: 50
            """);
        var loaded = ConfigLoader.Load(path);
        Assert.Empty(loaded.Problems);
        var sim = new PardotSimulatorOptions();
        var options = new EngineOptions
        {
            Worker = "test-" + _folder,
            Environment = name => name switch { "PARDOT_ID" => sim.ClientId, "PARDOT_SECRET" => sim.ClientSecret, "PARDOT_BU" => sim.BusinessUnitId, _ => null },
        };

        await using var engine = await HighwaterEngine.OpenAsync(loaded.Config!, options, CancellationToken.None);
        var first = (await engine.SyncOnceAsync(null, null, CancellationToken.None)).Exports[0];
        await app.ApplyAsync(new SampleDatabase.Wave(Edits: 10, NewUsers: 5, Deletions: 4, EmailChanges: 3, PlanMoves: 12), seed: 5, CancellationToken.None);
        var wave = (await engine.SyncOnceAsync(null, null, CancellationToken.None)).Exports[0];

        Assert.Equal((120, 0L, 0), (first.Exported, first.Waiting, first.Rejected + first.RetryLater));
        Assert.Equal((4, 0L, 0), (wave.Deleted, wave.Waiting, wave.Rejected + wave.RetryLater));
        Assert.DoesNotContain(first.Calls.Keys.Concat(wave.Calls.Keys), kind => kind.StartsWith("list", StringComparison.Ordinal));

        var users = await app.LiveUsersAsync(CancellationToken.None);
        var prospects = _pardot.GetState().Records.Where(r => r.Email is not null).GroupBy(r => r.Email!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(users.Count, prospects.Count);
        foreach (var user in users)
        {
            var prospect = Assert.Single(prospects[user.Email]);
            Assert.Equal(user.Country, prospect.Fields?.GetValueOrDefault("country"));
            var want = user.Plan switch { "pro" or "enterprise" => ["Paying Customers"], "trial" => ["Trial Users"], _ => Array.Empty<string>() };
            Assert.Equal(want, (prospect.Lists ?? []).Order(StringComparer.Ordinal));
        }
    }
}
