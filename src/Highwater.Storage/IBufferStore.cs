using Highwater.Storage.Destinations;
using Highwater.Storage.DeadLetters;
using Highwater.Storage.ExportLog;
using Highwater.Storage.Ingest;
using Highwater.Storage.Marks;
using Highwater.Storage.Outbox;
using Highwater.Storage.Profiles;
using Highwater.Storage.RateLedger;
using Highwater.Storage.RemoteState;

namespace Highwater.Storage;

/// <summary>
/// The buffer database: sources and their marks, profiles, the outbox, remote state, the export
/// log, dead letters and the rate ledger. SQLite (embedded default) and PostgreSQL (scale-out)
/// implement it alike; one contract test suite holds both to it.
/// </summary>
public interface IBufferStore : IAsyncDisposable
{
    /// <summary>Applies pending schema migrations. Safe to run twice, and by two processes at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>The schema version the database is at.</summary>
    Task<int> SchemaVersionAsync(CancellationToken cancellationToken);

    /// <summary>Source marks and the per-row content hashes behind look-back and diff mode.</summary>
    ISourceStateStore Sources { get; }

    /// <summary>Merged profiles.</summary>
    IProfileStore Profiles { get; }

    /// <summary>Stores one poll's changes and advances its mark in one transaction.</summary>
    IIngestStore Ingest { get; }

    /// <summary>One row per (destination, profile) waiting to be exported.</summary>
    IOutboxStore Outbox { get; }

    /// <summary>Per (destination, profile): remote id and what was last confirmed exported.</summary>
    IRemoteStateStore RemoteState { get; }

    /// <summary>Attempts and outcomes.</summary>
    IExportLogStore ExportLog { get; }

    /// <summary>Records that kept failing, with their reasons.</summary>
    IDeadLetterStore DeadLetters { get; }

    /// <summary>Per destination: adopted lists and the last export pass.</summary>
    IDestinationStateStore Destinations { get; }

    /// <summary>Calls spent per account and quota window, shared by every worker.</summary>
    IRateLedgerStore RateLedger { get; }
}
