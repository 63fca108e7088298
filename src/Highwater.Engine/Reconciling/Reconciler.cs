using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Model;
using Highwater.Engine.Running;
using Highwater.Storage.DeadLetters;
using Highwater.Storage.Ingest;
using Highwater.Storage.Outbox;

namespace Highwater.Engine.Reconciling;

/// <summary>
/// Repairs drift at one destination: reads the remote records of the selected profiles (batched,
/// through the account's governor), compares them with what the buffer wants, and lists every
/// difference. Unless it only lists, it then writes what it read into the remote state as the diff
/// base (forgetting the state of a record that is gone, so it is written whole), queues the
/// profiles in the backfill lane and runs one export pass of the destination: the planner sends
/// exactly what differs (a record the profile owns under an old key is moved back by id as a key
/// change), whole records where they are missing.
/// </summary>
public sealed partial class Reconciler
{
    /// <summary>Profiles read and compared at once.</summary>
    private const int ChunkSize = 3_000;

    private readonly HighwaterEngine _engine;
    private readonly DestinationRuntime _destination;
    private readonly HashSet<string> _mappedLists;

    /// <summary>A reconciler of <paramref name="destination"/> on <paramref name="engine"/>.</summary>
    public Reconciler(HighwaterEngine engine, DestinationRuntime destination)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(destination);
        _engine = engine;
        _destination = destination;
        _mappedLists = destination.Capabilities.Membership.Style == MembershipStyle.None
            ? new HashSet<string>(StringComparer.Ordinal)
            : destination.Config.Lists.Values.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Reconciles the profiles <paramref name="keys"/> name (every profile when null); with
    /// <paramref name="dryRun"/> it only reads and lists.
    /// </summary>
    /// <remarks>A service that fails (unreachable, credentials refused, quota spent) is an <see cref="ReconcileReport.Error"/>, not an exception.</remarks>
    public async Task<ReconcileReport> RunAsync(IReadOnlyCollection<string>? keys, bool dryRun, CancellationToken cancellationToken)
    {
        var report = new ReconcileReport { Destination = _destination.Name, Kind = _destination.Config.Kind, DryRun = dryRun };
        try
        {
            return await RunCoreAsync(report, keys, dryRun, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ServiceCallException or HttpRequestException)
        {
            return report with { Error = $"{_destination.Name} ({_destination.Config.Kind} at {_destination.Config.BaseUrl}): {ex.Message}" };
        }
    }

    private async Task<ReconcileReport> RunCoreAsync(ReconcileReport report, IReadOnlyCollection<string>? keys, bool dryRun, CancellationToken cancellationToken)
    {
        if (_destination.Connector is not IRecordReader reader)
        {
            return report with { Error = $"{_destination.Name}: the {_destination.Config.Kind} connector cannot read records yet, so it cannot be reconciled" };
        }

        var targets = await SelectAsync(keys, cancellationToken).ConfigureAwait(false);
        var planned = Plan(reader, targets);
        var forecast = await _destination.Scheduler.ForecastAsync(cancellationToken).ConfigureAwait(false);
        long? left = forecast.QuotaWindow is null ? null : forecast.Left;
        report = report with { Profiles = targets.Count, PlannedReadCalls = planned, QuotaLeft = left, QuotaWindow = forecast.QuotaWindow };
        if (left is { } l && planned > l)
        {
            return report with { Error = $"{_destination.Name}: reading {targets.Count:N0} profiles needs up to {planned:N0} calls, but only {l:N0} of today's quota are left (after the reserve); run it after the reset, or for fewer profiles with --keys" };
        }

        var metadataBefore = _destination.Gate.Tally.Metadata;
        var dataBefore = _destination.Gate.Tally.Data;
        var started = _engine.Time.GetUtcNow();
        var differences = new List<ReconcileDifference>();
        var repair = new ReconcileRepair();
        foreach (var chunk in targets.Chunk(ChunkSize))
        {
            var records = await reader.ReadRecordsAsync(Query(chunk), cancellationToken).ConfigureAwait(false);
            differences.AddRange(Compare(chunk, records, repair));
        }

        report = report with { ReadCalls = Since(_destination.Gate.Tally.Metadata, metadataBefore) };
        if (dryRun)
        {
            return report with { Differences = differences };
        }

        await _engine.Store.RemoteState.DeleteAsync(_destination.Name, repair.Forget, cancellationToken).ConfigureAwait(false);
        await _engine.Store.RemoteState.UpsertAsync(repair.States, cancellationToken).ConfigureAwait(false);
        ExportPassReport? export = null;
        HashSet<string> open = [];
        Dictionary<string, string> dead = [];
        if (repair.Export.Count > 0)
        {
            await _engine.Store.Outbox.EnqueueAsync([.. repair.Export.Select(k => new OutboxEntry(_destination.Name, k, OutboxLane.Backfill))], cancellationToken).ConfigureAwait(false);
            try
            {
                export = await _engine.ExportAsync(_destination, int.MaxValue, null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ServiceCallException or HttpRequestException)
            {
                // The rows stay queued for the next pass; what was found is still reported.
                export = new ExportPassReport { Destination = _destination.Name, Kind = _destination.Config.Kind, Error = ex.Message };
            }

            open = await StillWaitingAsync(repair.Export, cancellationToken).ConfigureAwait(false);
            dead = (await _engine.Store.DeadLetters.ListAsync(new DeadLetterFilter(_destination.Name, From: started), 100_000, cancellationToken).ConfigureAwait(false))
                .GroupBy(d => d.ProfileKey, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().Reason, StringComparer.Ordinal);
        }

        var settled = differences.Select(d => d.State != FixState.Listed ? d : Settle(d, repair, open, dead, export)).ToList();
        return report with
        {
            Differences = settled,
            Export = export,
            ReadCalls = Since(_destination.Gate.Tally.Metadata, metadataBefore),
            WriteCalls = _destination.Gate.Tally.DataSince(dataBefore),
        };
    }

    /// <summary>What became of a difference the repair took on.</summary>
    private static ReconcileDifference Settle(ReconcileDifference difference, ReconcileRepair repair, HashSet<string> open, Dictionary<string, string> dead, ExportPassReport? export)
    {
        if (!repair.Export.Contains(difference.ProfileKey))
        {
            return difference with { State = FixState.Failed, Note = "no repair was queued" };
        }

        if (dead.TryGetValue(difference.ProfileKey, out var reason))
        {
            return difference with { State = FixState.Failed, Note = reason };
        }

        return open.Contains(difference.ProfileKey)
            ? difference with { State = FixState.Failed, Note = "its export still waits" + (export?.HeldReason is { } held ? ": " + held : export?.Error is { } error ? ": " + error : "") }
            : difference with { State = FixState.Fixed };
    }

    /// <summary>The profiles to compare: those <paramref name="keys"/> names, or every one, with their remote state; those with nothing to compare are left out.</summary>
    private async Task<List<ReconcileTarget>> SelectAsync(IReadOnlyCollection<string>? keys, CancellationToken cancellationToken)
    {
        var targets = new List<ReconcileTarget>();
        if (keys is not null)
        {
            foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(1_000))
            {
                var profiles = await _engine.Store.Profiles.GetAsync(chunk, cancellationToken).ConfigureAwait(false);
                await AddAsync([.. chunk.Select(k => profiles.GetValueOrDefault(k)).OfType<Highwater.Storage.Profiles.StoredProfile>()], targets, cancellationToken).ConfigureAwait(false);
            }

            return targets;
        }

        string? after = null;
        while (true)
        {
            var page = await _engine.Store.Profiles.ListAsync(after, 1_000, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return targets;
            }

            after = page[^1].Key;
            await AddAsync(page, targets, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AddAsync(IReadOnlyList<Highwater.Storage.Profiles.StoredProfile> profiles, List<ReconcileTarget> targets, CancellationToken cancellationToken)
    {
        var states = await _engine.Store.RemoteState.GetAsync(_destination.Name, [.. profiles.Select(p => p.Key)], cancellationToken).ConfigureAwait(false);
        foreach (var profile in profiles)
        {
            var stored = states.GetValueOrDefault(profile.Key);
            var fk = profile.Properties.GetValueOrDefault(_destination.Config.ForeignKey)?.Trim();
            var target = new ReconcileTarget(profile, string.IsNullOrEmpty(fk) ? null : fk, stored);
            if (profile.Deleted
                ? _destination.Config.SyncMode == SyncMode.Sync && target.StoredId is not null
                : target.ForeignKey is not null)
            {
                targets.Add(target);
            }
        }
    }

    /// <summary>The read calls the targets cost when each finds one record (the ids counted as if none were found by key: an upper bound there).</summary>
    private int Plan(IRecordReader reader, List<ReconcileTarget> targets)
    {
        var calls = 0;
        foreach (var chunk in targets.Chunk(ChunkSize))
        {
            calls += reader.ReadCalls(chunk.Count(t => !t.Profile.Deleted), chunk.Count(t => t.StoredId is not null), _mappedLists.Count);
        }

        return calls;
    }

    private RecordQuery Query(IReadOnlyList<ReconcileTarget> chunk) => new(
        [.. chunk.Where(t => !t.Profile.Deleted).Select(t => t.ForeignKey!).Distinct(ForeignKeys.Comparer)],
        [.. chunk.Select(t => t.StoredId).OfType<string>().Distinct(StringComparer.Ordinal)],
        _destination.Fields.Names,
        [.. _mappedLists]);

    /// <summary>Which of <paramref name="keys"/> still wait in the destination's outbox (either lane).</summary>
    private async Task<HashSet<string>> StillWaitingAsync(HashSet<string> keys, CancellationToken cancellationToken)
    {
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lane in new[] { OutboxLane.Live, OutboxLane.Backfill })
        {
            OutboxItem? after = null;
            while (true)
            {
                var page = await _engine.Store.Outbox.PeekAsync(_destination.Name, lane, after, 1_000, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                open.UnionWith(page.Select(item => item.ProfileKey).Where(keys.Contains));
                after = page[^1];
            }
        }

        return open;
    }

    private static Dictionary<string, long> Since(IReadOnlyDictionary<string, long> now, IReadOnlyDictionary<string, long> before) =>
        now.Select(p => (p.Key, Count: p.Value - before.GetValueOrDefault(p.Key)))
            .Where(p => p.Count > 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => p.Count, StringComparer.Ordinal);
}
