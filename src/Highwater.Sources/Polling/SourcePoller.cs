using Highwater.Core.Profiles;
using Highwater.Sources.Reading;
using Highwater.Storage;
using Highwater.Storage.Ingest;
using Highwater.Storage.Marks;
using Highwater.Storage.Profiles;
using Microsoft.Extensions.Logging;

namespace Highwater.Sources.Polling;

/// <summary>
/// Polls one source into the buffer: reads what changed since its high-water mark (or diffs the
/// whole source by content hash), drops rows whose content is already stored, merges the rest
/// into profiles, enqueues them for every destination the change matters to, and advances the
/// mark in the same transaction as the changes it covers.
/// </summary>
public sealed partial class SourcePoller
{
    private readonly ISourceReader _reader;
    private readonly IBufferStore _store;
    private readonly ProfileMerger _merger;
    private readonly IReadOnlyList<DestinationScope> _destinations;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a poller for one source.</summary>
    public SourcePoller(ISourceReader reader, IBufferStore store, ProfileMerger merger, IReadOnlyList<DestinationScope> destinations, TimeProvider time, ILogger<SourcePoller> logger)
    {
        _reader = reader;
        _store = store;
        _merger = merger;
        _destinations = destinations;
        _time = time;
        _logger = logger;
    }

    private SourceDefinition Source => _reader.Definition;

    /// <summary>Polls once, to the end of what the source holds now.</summary>
    public async Task<PollReport> PollAsync(CancellationToken cancellationToken)
    {
        var report = Source.MarkColumn is null
            ? await DiffAsync(cancellationToken)
            : await ReadSinceMarkAsync(cancellationToken);
        LogPolled(report.Source, report.RowsRead, report.ProfilesChanged, report.OutboxWritten, report.Coalesced);
        return report;
    }

    private async Task<PollReport> ReadSinceMarkAsync(CancellationToken cancellationToken)
    {
        var state = await _store.Sources.GetAsync(Source.Name, cancellationToken);
        var mark = state?.Mark;
        var after = Marks.Start(mark, Source.MarkKind, Source.LookBack);
        var totals = new Totals();
        while (true)
        {
            var rows = await _reader.ReadPageAsync(after, Source.PageSize, cancellationToken);
            if (rows.Count == 0)
            {
                break;
            }

            var last = rows[^1];
            after = new SourceMark(last.Mark!, last.Key);

            // A look-back re-read starts behind the stored mark; the mark never moves back.
            mark = Marks.Max(mark, after, Source.MarkKind);
            await IngestAsync(rows, mark, [], totals, cancellationToken);
            if (rows.Count < Source.PageSize)
            {
                break;
            }
        }

        return totals.Report(Source.Name, mark);
    }

    private async Task<PollReport> DiffAsync(CancellationToken cancellationToken)
    {
        var totals = new Totals();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var page = new List<SourceRow>(Source.PageSize);
        await foreach (var row in _reader.ReadAllAsync(cancellationToken))
        {
            seen.Add(row.Key);
            page.Add(row);
            if (page.Count == Source.PageSize)
            {
                await IngestAsync(page, null, [], totals, cancellationToken);
                page.Clear();
            }
        }

        if (page.Count > 0)
        {
            await IngestAsync(page, null, [], totals, cancellationToken);
        }

        // Keys the buffer knows that the source no longer has: their profiles are to be deleted.
        var vanished = new List<string>();
        await foreach (var key in _store.Sources.ListKeysAsync(Source.Name, cancellationToken))
        {
            if (!seen.Contains(key))
            {
                vanished.Add(key);
            }
        }

        foreach (var chunk in vanished.Chunk(Source.PageSize))
        {
            var rows = chunk.Select(k => new SourceRow(k, null, new Dictionary<string, string?>(), Deleted: true)).ToList();
            await IngestAsync(rows, null, chunk, totals, cancellationToken);
        }

        totals.Vanished = vanished.Count;
        return totals.Report(Source.Name, null);
    }

    private async Task IngestAsync(IReadOnlyList<SourceRow> rows, SourceMark? mark, IReadOnlyCollection<string> vanished, Totals totals, CancellationToken cancellationToken)
    {
        // Within one page the last row of a key wins.
        var latest = new Dictionary<string, SourceRow>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            latest[row.Key] = row;
        }

        // Vanished keys were not read: they have no content to hash, only a deletion to store.
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (vanished.Count == 0)
        {
            totals.RowsRead += rows.Count;
            var stored = await _store.Sources.GetRowHashesAsync(Source.Name, latest.Keys, cancellationToken);
            foreach (var (key, row) in latest)
            {
                var hash = RowHash.Of(row);
                if (stored.TryGetValue(key, out var before) && before == hash)
                {
                    totals.RowsUnchanged++;
                    continue;
                }

                hashes[key] = hash;
            }
        }

        var changedKeys = vanished.Count > 0 ? vanished : hashes.Keys;
        var profiles = await _store.Profiles.GetAsync(changedKeys.ToList(), cancellationToken);
        var now = _time.GetUtcNow();
        var writes = new List<StoredProfile>();
        var outbox = new List<OutboxEntry>();
        foreach (var key in changedKeys)
        {
            var row = latest[key];
            var before = profiles.TryGetValue(key, out var p) ? new ProfileSnapshot(p.Key, p.Properties, p.Groups, p.Deleted) : null;
            var after = _merger.Merge(before, key, row.Properties, row.Deleted);
            if (before is not null && Same(before, after))
            {
                continue;
            }

            writes.Add(new StoredProfile(key, after.Properties, after.Groups, after.Deleted, now));
            foreach (var destination in _destinations)
            {
                if (destination.Affects(before, after))
                {
                    outbox.Add(new OutboxEntry(destination.Destination, key));
                }
            }
        }

        var result = await _store.Ingest.CommitAsync(new IngestCommit
        {
            Source = Source.Name,
            Mark = mark,
            RowHashes = hashes,
            VanishedKeys = vanished,
            Profiles = writes,
            Outbox = outbox,
        }, cancellationToken);
        totals.ProfilesChanged += writes.Count;
        totals.OutboxWritten += result.OutboxWritten;
        totals.Coalesced += result.Coalesced;
    }

    private static bool Same(ProfileSnapshot a, ProfileSnapshot b) =>
        a.Deleted == b.Deleted &&
        a.Groups.SetEquals(b.Groups) &&
        a.Properties.Count == b.Properties.Count &&
        a.Properties.All(p => b.Properties.TryGetValue(p.Key, out var v) && string.Equals(v, p.Value, StringComparison.Ordinal));

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Polled source {Source}: {Rows} rows read, {Profiles} profiles changed, {Outbox} outbox rows written ({Coalesced} coalesced)")]
    private partial void LogPolled(string source, long rows, long profiles, long outbox, long coalesced);

    private sealed class Totals
    {
        public long RowsRead { get; set; }

        public long RowsUnchanged { get; set; }

        public long ProfilesChanged { get; set; }

        public long OutboxWritten { get; set; }

        public long Coalesced { get; set; }

        public long Vanished { get; set; }

        public PollReport Report(string source, SourceMark? mark) => new()
        {
            Source = source,
            RowsRead = RowsRead,
            RowsUnchanged = RowsUnchanged,
            ProfilesChanged = ProfilesChanged,
            OutboxWritten = OutboxWritten,
            Coalesced = Coalesced,
            Vanished = Vanished,
            Mark = mark,
        };
    }
}
