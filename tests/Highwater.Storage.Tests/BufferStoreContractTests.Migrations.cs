using Highwater.Storage.Ingest;

namespace Highwater.Storage.Tests;

public abstract partial class BufferStoreContractTests
{
    [SkippableFact]
    public async Task Migrate_Twice_IsHarmless_AndReportsTheLatestVersion()
    {
        await Store.MigrateAsync(None);
        await Store.MigrateAsync(None);

        Assert.Equal(LatestSchemaVersion, await Store.SchemaVersionAsync(None));
    }

    [SkippableFact]
    public async Task SchemaVersion_OfAnEmptyDatabase_IsZero()
    {
        var store = Open(await NewDatabaseAsync());

        Assert.Equal(0, await store.SchemaVersionAsync(None));
    }

    [SkippableFact]
    public async Task Migrate_ByFourInstancesAtOnce_AppliesEveryScriptOnce()
    {
        var database = await NewDatabaseAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => Open(database)).ToArray();

        // The scripts create tables without IF NOT EXISTS: a script applied twice would throw.
        await Concurrently.RunAsync(stores.Length, worker => stores[worker].MigrateAsync(None));

        foreach (var store in stores)
        {
            Assert.Equal(LatestSchemaVersion, await store.SchemaVersionAsync(None));
        }

        var key = Unique("p");
        await stores[3].Ingest.CommitAsync(new IngestCommit { Source = Source, Profiles = [Profile(key)] }, None);
        Assert.Equal(1, await stores[0].Profiles.CountAsync(None));
    }

    [SkippableFact]
    public async Task Migrate_FromVersion5_LiftsTheFixedHoldsEarlierVersionsPutOnSpentQuotas()
    {
        var database = await NewDatabaseAsync();
        var store = Open(database);
        await store.MigrateAsync(None);
        string held = Unique("held"), retried = Unique("retried");
        await store.Ingest.CommitAsync(
            new IngestCommit
            {
                Source = Source,
                Profiles = [Profile(held, ("email", "held@example.com")), Profile(retried, ("email", "retried@example.com"))],
                Outbox = [new OutboxEntry(Destination, held, OutboxLane.Live), new OutboxEntry(Destination, retried, OutboxLane.Live)],
            },
            None);
        var claimed = await store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", TimeSpan.FromMinutes(1), None);
        Assert.Equal(2, claimed.Count);

        // As a version before 6 left them: one held a day for a spent quota, one waiting out a retry.
        await store.Outbox.ReleaseAsync(Destination, [claimed.Single(c => c.ProfileKey == held).Claimed], Time.GetUtcNow().AddHours(24), failedAttempt: false, None);
        await store.Outbox.ReleaseAsync(Destination, [claimed.Single(c => c.ProfileKey == retried).Claimed], Time.GetUtcNow().AddMinutes(30), failedAttempt: true, None);
        Assert.Empty(await store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", TimeSpan.FromMinutes(1), None));
        await ExecuteAsync(database, "DELETE FROM schema_version WHERE version >= 6;");
        Assert.Equal(5, await store.SchemaVersionAsync(None));

        await store.MigrateAsync(None);

        var due = await store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", TimeSpan.FromMinutes(1), None);
        Assert.Equal([held, retried], due.Select(d => d.ProfileKey).Order(StringComparer.Ordinal));
        Assert.Equal(1, due.Single(d => d.ProfileKey == retried).Attempts);
        Assert.Equal(LatestSchemaVersion, await store.SchemaVersionAsync(None));
    }
}
