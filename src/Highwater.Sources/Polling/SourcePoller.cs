using System.Runtime.CompilerServices;
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
/// mark in the same transaction as the changes it covers. Reading and hashing the next pages runs
/// on another thread while the current page is stored; pages are stored one after another, in
/// order, each merged against what the previous ones committed.
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

    /// <summary>Pages read and hashed ahead of the one being stored: enough to keep both cores busy, few enough to bound memory.</summary>
    private const int ReadAheadPages = 2;

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
        // Not GetAsync: it counts the source's stored rows, which grows with the source.
        var state = await _store.Sources.GetPollStartAsync(Source.Name, cancellationToken);
        var mark = state.Mark;
        var start = Marks.Start(mark, Source.MarkKind, Source.LookBack);
        var limit = await MarkLimitAsync(cancellationToken);
        var totals = new Totals();
        var ahead = new AheadRows();

        // A source with no row stored yet (its initial load) has no hash to compare a row with.
        var hashesStored = state.HasRows;
        await foreach (var page in ReadAhead.Of(token => PagesSinceAsync(start, limit, token), ReadAheadPages, cancellationToken))
        {
            // A look-back re-read starts behind the stored mark; the mark never moves back, nor
            // onto a row ahead of the source's clock (that row is still ingested below).
            mark = Marks.Max(mark, page.End, Source.MarkKind);
            ahead.Add(page.Ahead);
            await IngestAsync(page, mark, hashesStored, totals, cancellationToken);
        }

        var health = await HealthAsync(state, mark, limit, ahead, cancellationToken);
        return totals.Report(Source.Name, mark) with { Health = health.IsClean ? null : health };
    }

    private async IAsyncEnumerable<ReadPage> PagesSinceAsync(SourceMark? after, DateTime? limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var rows = await _reader.ReadPageAsync(after, Source.PageSize, cancellationToken);
            if (rows.Count == 0)
            {
                yield break;
            }

            // Paging goes on past rows ahead of the clock; only the mark stops before them.
            after = new SourceMark(rows[^1].Mark!, rows[^1].Key);
            yield return ReadPage.ReadMarked(rows, limit);
            if (rows.Count < Source.PageSize)
            {
                yield break;
            }
        }
    }

    private async Task<PollReport> DiffAsync(CancellationToken cancellationToken)
    {
        var totals = new Totals();
        var hashesStored = (await _store.Sources.GetPollStartAsync(Source.Name, cancellationToken)).HasRows;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var page in ReadAhead.Of(AllPagesAsync, ReadAheadPages, cancellationToken))
        {
            seen.UnionWith(page.Latest.Keys);
            await IngestAsync(page, null, hashesStored, totals, cancellationToken);
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
            await IngestAsync(ReadPage.OfVanished(chunk), null, hashesStored: true, totals, cancellationToken);
        }

        totals.Vanished = vanished.Count;
        return totals.Report(Source.Name, null);
    }

    private async IAsyncEnumerable<ReadPage> AllPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = new List<SourceRow>(Source.PageSize);
        await foreach (var row in _reader.ReadAllAsync(cancellationToken))
        {
            rows.Add(row);
            if (rows.Count == Source.PageSize)
            {
                yield return ReadPage.Read(rows);
                rows = new List<SourceRow>(Source.PageSize);
            }
        }

        if (rows.Count > 0)
        {
            yield return ReadPage.Read(rows);
        }
    }

    private async Task IngestAsync(ReadPage page, SourceMark? mark, bool hashesStored, Totals totals, CancellationToken cancellationToken)
    {
        // Read, merged and written in one write transaction: another source's poller changing the
        // same profiles waits, rather than merging against a profile this page is about to replace.
        long unchanged = 0, changed = 0, waiting = 0;
        var result = await _store.Ingest.IngestAsync(
            async (reads, token) =>
            {
                (var commit, unchanged, waiting) = await DecideAsync(page, mark, hashesStored, reads, token);
                changed = commit.Profiles.Count;
                return commit;
            },
            cancellationToken);
        totals.RowsRead += page.RowsRead;
        totals.RowsUnchanged += unchanged;
        totals.ProfilesChanged += changed;
        totals.WaitingForPrimary += waiting;
        totals.OutboxWritten += result.OutboxWritten;
        totals.Coalesced += result.Coalesced;
    }

    private async Task<(IngestCommit Commit, long Unchanged, long Waiting)> DecideAsync(ReadPage page, SourceMark? mark, bool hashesStored, IIngestReads reads, CancellationToken cancellationToken)
    {
        // Rows whose content the buffer already holds (a look-back re-read, a touched but unchanged row) cost nothing.
        var hashes = page.Hashes;
        long unchanged = 0;
        if (hashes.Count > 0 && hashesStored)
        {
            var stored = await reads.GetRowHashesAsync(Source.Name, hashes.Keys, cancellationToken);
            if (stored.Count > 0)
            {
                hashes = new Dictionary<string, string>(hashes.Count, StringComparer.Ordinal);
                foreach (var (key, hash) in page.Hashes)
                {
                    if (stored.TryGetValue(key, out var before) && before == hash)
                    {
                        unchanged++;
                    }
                    else
                    {
                        hashes[key] = hash;
                    }
                }
            }
        }

        var changedKeys = page.Vanished.Count > 0 ? page.Vanished : hashes.Keys;
        var profiles = await reads.GetProfilesAsync(changedKeys, cancellationToken);
        var enrich = Source.Role == SourceRole.Enrich;

        // What this source's rows gave before: a row deleted, vanished or narrowed takes back exactly that.
        var given = enrich && hashesStored && changedKeys.Count > 0
            ? await reads.GetRowPropertiesAsync(Source.Name, changedKeys, cancellationToken)
            : NothingGiven;
        var rowProperties = enrich ? new Dictionary<string, IReadOnlyDictionary<string, string?>>(changedKeys.Count, StringComparer.Ordinal) : null;
        long waiting = 0;
        var now = _time.GetUtcNow();
        var writes = new List<StoredProfile>(changedKeys.Count);
        var outbox = new List<OutboxEntry>(changedKeys.Count * _destinations.Count);
        foreach (var key in changedKeys)
        {
            var row = page.Latest[key];
            var before = profiles.TryGetValue(key, out var p) ? new ProfileSnapshot(p.Key, p.Properties, p.Groups, p.Deleted) : null;
            ProfileSnapshot? after;
            if (!enrich)
            {
                after = _merger.Merge(before, key, row.Properties, row.Deleted);
            }
            else if (row.Deleted)
            {
                // A row first read already deleted gave nothing stored: the values it carries are the best guess of what it gave.
                after = before is null ? null : _merger.Withdraw(before, given.GetValueOrDefault(key) ?? row.Properties);
            }
            else
            {
                after = _merger.Enrich(before, key, row.Properties, given.GetValueOrDefault(key));
                rowProperties![key] = row.Properties;
                if (after.Deleted)
                {
                    waiting++;
                }
            }

            if (after is null || (before is not null && Same(before, after)))
            {
                continue;
            }

            writes.Add(new StoredProfile(key, after.Properties, after.Groups, after.Deleted, now));
            for (var d = 0; d < _destinations.Count; d++)
            {
                if (_destinations[d].Affects(before, after))
                {
                    outbox.Add(new OutboxEntry(_destinations[d].Destination, key));
                }
            }
        }

        var commit = new IngestCommit
        {
            Source = Source.Name,
            Mark = mark,
            RowHashes = hashes,
            RowProperties = rowProperties ?? NothingGiven,
            VanishedKeys = page.Vanished,
            Profiles = writes,
            Outbox = outbox,
        };
        return (commit, unchanged, waiting);
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> NothingGiven =
        new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal);

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

        public long WaitingForPrimary { get; set; }

        public PollReport Report(string source, SourceMark? mark) => new()
        {
            Source = source,
            RowsRead = RowsRead,
            RowsUnchanged = RowsUnchanged,
            ProfilesChanged = ProfilesChanged,
            OutboxWritten = OutboxWritten,
            Coalesced = Coalesced,
            Vanished = Vanished,
            WaitingForPrimary = WaitingForPrimary,
            Mark = mark,
        };
    }
}
