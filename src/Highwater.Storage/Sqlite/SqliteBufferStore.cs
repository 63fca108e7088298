using Highwater.Storage.Destinations;
using Highwater.Storage.DeadLetters;
using Highwater.Storage.ExportLog;
using Highwater.Storage.Ingest;
using Highwater.Storage.Marks;
using Highwater.Storage.Outbox;
using Highwater.Storage.Profiles;
using Highwater.Storage.RateLedger;
using Highwater.Storage.RemoteState;

namespace Highwater.Storage.Sqlite;

/// <summary>
/// The embedded buffer: one SQLite file in WAL mode. Writes take the file's write lock up front
/// (BEGIN IMMEDIATE), so several store instances, in one process or several, stay consistent.
/// </summary>
internal sealed class SqliteBufferStore : IBufferStore
{
    private readonly SqliteDatabase _database;
    private readonly SqliteMigrator _migrator;

    public SqliteBufferStore(string connectionString, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _database = new SqliteDatabase(connectionString);
        _migrator = new SqliteMigrator(_database, timeProvider);
        Sources = new SqliteSourceStateStore(_database);
        Profiles = new SqliteProfileStore(_database);
        Ingest = new SqliteIngestStore(_database, timeProvider);
        Outbox = new SqliteOutboxStore(_database, timeProvider);
        RemoteState = new SqliteRemoteStateStore(_database, timeProvider);
        ExportLog = new SqliteExportLogStore(_database);
        DeadLetters = new SqliteDeadLetterStore(_database, timeProvider);
        RateLedger = new SqliteRateLedgerStore(_database);
        Destinations = new SqliteDestinationStateStore(_database, timeProvider);
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

    public async ValueTask DisposeAsync() => await _database.CloseAsync();
}
