using Highwater.Storage.Destinations;
using Highwater.Storage.DeadLetters;
using Highwater.Storage.ExportLog;
using Highwater.Storage.Ingest;
using Highwater.Storage.Marks;
using Highwater.Storage.Outbox;
using Highwater.Storage.Profiles;
using Highwater.Storage.RateLedger;
using Highwater.Storage.RemoteState;
using Npgsql;

namespace Highwater.Storage.Postgres;

/// <summary>
/// The scale-out buffer: one PostgreSQL database shared by several workers, which coordinate
/// through it alone (row locks, SKIP LOCKED claims, an advisory lock for migrations).
/// </summary>
internal sealed class PostgresBufferStore : IBufferStore
{
    private readonly PostgresDatabase _database;
    private readonly PostgresMigrator _migrator;

    public PostgresBufferStore(string connectionString, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _database = new PostgresDatabase(new NpgsqlDataSourceBuilder(connectionString).Build());
        _migrator = new PostgresMigrator(_database, timeProvider);
        Sources = new PostgresSourceStateStore(_database);
        Profiles = new PostgresProfileStore(_database);
        Ingest = new PostgresIngestStore(_database, timeProvider);
        Outbox = new PostgresOutboxStore(_database, timeProvider);
        RemoteState = new PostgresRemoteStateStore(_database, timeProvider);
        ExportLog = new PostgresExportLogStore(_database);
        DeadLetters = new PostgresDeadLetterStore(_database, timeProvider);
        RateLedger = new PostgresRateLedgerStore(_database);
        Destinations = new PostgresDestinationStateStore(_database, timeProvider);
    }

    public ISourceStateStore Sources { get; }

    public IProfileStore Profiles { get; }

    public IIngestStore Ingest { get; }

    public IOutboxStore Outbox { get; }

    public IRemoteStateStore RemoteState { get; }

    public IExportLogStore ExportLog { get; }

    public IDeadLetterStore DeadLetters { get; }

    /// <inheritdoc />
    public IDestinationStateStore Destinations { get; }

    public IRateLedgerStore RateLedger { get; }

    public Task MigrateAsync(CancellationToken cancellationToken) => _migrator.MigrateAsync(cancellationToken);

    public Task<int> SchemaVersionAsync(CancellationToken cancellationToken) => _migrator.SchemaVersionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
