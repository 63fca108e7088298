using Highwater.Storage.Ingest;
using Highwater.Storage.Marks;
using Highwater.Storage.Profiles;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Storage.Tests;

/// <summary>
/// What every buffer store must do, whatever the database. Each provider's test class inherits
/// this suite and supplies databases; tests share one database per class, so every test names
/// its own sources, destinations and profiles.
/// </summary>
public abstract partial class BufferStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly List<IBufferStore> _opened = [];
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>A store on the class's shared, migrated database.</summary>
    protected IBufferStore Store { get; private set; } = null!;

    protected static CancellationToken None => CancellationToken.None;

    protected string Source => Unique("source");

    protected string Destination => Unique("crm");

    /// <summary>The newest schema version the provider's scripts reach.</summary>
    protected abstract int LatestSchemaVersion { get; }

    /// <summary>The connection string of the class's shared database (migrated here before each test).</summary>
    protected abstract Task<string> SharedDatabaseAsync();

    /// <summary>A new, empty database, removed with the class's.</summary>
    protected abstract Task<string> NewDatabaseAsync();

    /// <summary>Runs <paramref name="sql"/> on the database, as an older version or a person would.</summary>
    protected abstract Task ExecuteAsync(string connectionString, string sql);

    public virtual async Task InitializeAsync()
    {
        Store = Open(await SharedDatabaseAsync());
        await Store.MigrateAsync(None);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }

    /// <summary>Another store instance, as another worker would open it.</summary>
    protected IBufferStore Open(string connectionString)
    {
        var store = BufferStoreFactory.Create(connectionString, Time);
        _opened.Add(store);
        return store;
    }

    /// <summary>A name no other test uses.</summary>
    protected string Unique(string name) => $"{name}-{_run}";

    protected static StoredProfile Profile(string key, params (string Name, string? Value)[] properties) =>
        new(key, properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), false, default);

    /// <summary>Stores profiles with the given keys and enqueues each for <paramref name="destination"/>.</summary>
    protected Task<IngestResult> ChangeAsync(string destination, OutboxLane lane, params string[] keys) =>
        Store.Ingest.CommitAsync(
            new IngestCommit
            {
                Source = Source,
                Profiles = [.. keys.Select(key => Profile(key, ("email", $"{key}@example.com")))],
                Outbox = [.. keys.Select(key => new OutboxEntry(destination, key, lane))],
            },
            None);

    protected Task<IngestResult> ChangeAsync(string destination, params string[] keys) => ChangeAsync(destination, OutboxLane.Live, keys);

    protected Task<SourceState?> StateAsync() => Store.Sources.GetAsync(Source, None);
}
