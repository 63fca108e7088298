using Highwater.Storage;
using Highwater.Storage.DeadLetters;
using Highwater.Storage.ExportLog;
using Highwater.Storage.Ingest;
using Highwater.Storage.Marks;
using Highwater.Storage.Outbox;
using Highwater.Storage.Profiles;
using Highwater.Storage.RateLedger;
using Highwater.Storage.RemoteState;

namespace Highwater.Sources.Tests.Polling;

/// <summary>The real store, except that one ingest commit fails the way a crash before it would.</summary>
internal sealed class FailingStore(IBufferStore inner, int failOnCommit) : IBufferStore, IIngestStore
{
    private int _commits;

    public ISourceStateStore Sources => inner.Sources;

    public IProfileStore Profiles => inner.Profiles;

    public IIngestStore Ingest => this;

    public IOutboxStore Outbox => inner.Outbox;

    public IRemoteStateStore RemoteState => inner.RemoteState;

    public Highwater.Storage.Destinations.IDestinationStateStore Destinations => inner.Destinations;

    public IExportLogStore ExportLog => inner.ExportLog;

    public IDeadLetterStore DeadLetters => inner.DeadLetters;

    public IRateLedgerStore RateLedger => inner.RateLedger;

    public Task<IngestResult> CommitAsync(IngestCommit commit, CancellationToken cancellationToken) =>
        ++_commits == failOnCommit
            ? throw new IOException("the process died before this commit")
            : inner.Ingest.CommitAsync(commit, cancellationToken);

    public Task<IngestResult> IngestAsync(Func<IIngestReads, CancellationToken, Task<IngestCommit>> decide, CancellationToken cancellationToken) =>
        ++_commits == failOnCommit
            ? throw new IOException("the process died before this commit")
            : inner.Ingest.IngestAsync(decide, cancellationToken);

    public Task<GroupChangeResult> ChangeGroupsAsync(IReadOnlyCollection<GroupChange> changes, CancellationToken cancellationToken) =>
        inner.Ingest.ChangeGroupsAsync(changes, cancellationToken);

    public Task MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

    public Task<int> SchemaVersionAsync(CancellationToken cancellationToken) => inner.SchemaVersionAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
