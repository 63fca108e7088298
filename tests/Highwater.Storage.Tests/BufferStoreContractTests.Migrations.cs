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
}
