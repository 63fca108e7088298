using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Model;
using Highwater.Core.Scheduling;
using Highwater.Engine.Execution;
using Highwater.Storage;
using Highwater.Storage.DeadLetters;
using Highwater.Storage.ExportLog;
using Highwater.Storage.Ingest;
using Highwater.Storage.Outbox;
using Highwater.Storage.RemoteState;
using Microsoft.Extensions.Logging;

namespace Highwater.Engine.Running;

/// <summary>
/// Exports one destination's outbox, a batch at a time: claims the oldest rows, builds their
/// requests from the buffer and the remote state, asks the scheduler to admit the batch at its
/// estimated cost, runs it through the executor, and records every profile's outcome: remote
/// state first, then the outbox row, so a crash between the two costs a re-check, never a loss.
/// A remote id a create answers is stored the moment it arrives.
/// </summary>
internal sealed partial class DestinationExporter
{
    private const int MaxFailuresReported = 20;

    private readonly DestinationRuntime _destination;
    private readonly IBufferStore _store;
    private readonly EngineOptions _options;
    private readonly string _worker;
    private readonly ILogger _logger;
    private bool _staleConflictsSwept;
    private DateTimeOffset? _listsAdoptedAt;

    public DestinationExporter(DestinationRuntime destination, IBufferStore store, EngineOptions options, string worker, ILogger logger)
    {
        _destination = destination;
        _store = store;
        _options = options;
        _worker = worker;
        _logger = logger;
    }

    private string Name => _destination.Name;

    private TimeProvider Time => _options.Time;

    /// <summary>Claims and exports one batch of up to <paramref name="maxRows"/> rows of <paramref name="lane"/>.</summary>
    public async Task<BatchReport> ExportBatchAsync(OutboxLane lane, int maxRows, CancellationToken cancellationToken)
    {
        if (!_staleConflictsSwept)
        {
            await RetryStaleConflictsAsync(cancellationToken).ConfigureAwait(false);
            _staleConflictsSwept = true;
        }

        var claimed = await _store.Outbox.ClaimAsync(Name, lane, maxRows, _worker, _options.Lease, cancellationToken).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return new BatchReport { Destination = Name, Lane = lane };
        }

        var settled = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            return await ExportClaimedAsync(lane, claimed, settled, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: what was not settled goes back as it was, no attempt counted. Remote ids
            // already answered are stored; the next export looks the rest up before writing.
            var open = claimed.Where(item => !settled.Contains(item.ProfileKey)).Select(item => item.Claimed).ToList();
            await _store.Outbox.ReleaseAsync(Name, open, null, failedAttempt: false, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (ServiceCallException ex) when (ex.StopsDestination)
        {
            // The destination failed as a whole (credentials refused, quota spent): no record is to
            // blame, so nothing becomes a dead letter. What was not settled goes back as it was, no
            // attempt counted, due again at once: the governor, not the row, knows when calls may go.
            var open = claimed.Where(item => !settled.Contains(item.ProfileKey)).Select(item => item.Claimed).ToList();
            await _store.Outbox.ReleaseAsync(Name, open, null, failedAttempt: false, CancellationToken.None).ConfigureAwait(false);
            if (ex.Failure != ServiceCallFailure.QuotaSpent)
            {
                throw;
            }

            LogHeld(_logger, Name, open.Count, ex.Message);
            return new BatchReport
            {
                Destination = Name,
                Lane = lane,
                Rows = claimed.Count,
                Held = open.Count,
                HeldBy = ScheduleRule.Governor,
                HeldUntil = ex.RetryAt,
                HeldReason = ex.Message,
                QuotaWait = QuotaWait.Of(_destination.Governor.Policy, ex),
            };
        }
    }

    private async Task<BatchReport> ExportClaimedAsync(OutboxLane lane, IReadOnlyList<OutboxItem> claimed, HashSet<string> settled, CancellationToken cancellationToken)
    {
        var keys = claimed.Select(item => item.ProfileKey).ToList();
        var profiles = await _store.Profiles.GetAsync(keys, cancellationToken).ConfigureAwait(false);
        var states = await _store.RemoteState.GetAsync(Name, keys, cancellationToken).ConfigureAwait(false);
        var built = RequestBuilder.Build(_destination.Config, _destination.Fields, claimed, profiles, states, await ListsAdoptedAtAsync(cancellationToken).ConfigureAwait(false));
        await RejectKeyConflictsAsync(built, states, cancellationToken).ConfigureAwait(false);
        var now = Time.GetUtcNow();
        var log = new List<ExportLogEntry>();
        var failures = new List<string>();

        // Rows that cannot be exported as they stand: dead letters at once, with the reason.
        if (built.Invalid.Count > 0)
        {
            await _store.DeadLetters.AddAsync([.. built.Invalid.Select(x => new DeadLetter(0, Name, x.Item.ProfileKey, x.Reason, x.Item.Attempts + 1, now))], cancellationToken).ConfigureAwait(false);
            await _store.Outbox.RemoveAsync(Name, [.. built.Invalid.Select(x => x.Item.Claimed)], cancellationToken).ConfigureAwait(false);
            foreach (var (item, reason) in built.Invalid)
            {
                settled.Add(item.ProfileKey);
                log.Add(new ExportLogEntry(Name, item.ProfileKey, now, ExportOutcome.Rejected, reason));
                failures.Add(reason);
                LogInvalid(_logger, Name, reason);
            }
        }

        if (built.Gone.Count > 0)
        {
            await _store.DeadLetters.ResolveAsync(Name, [.. built.Gone.Select(item => item.ProfileKey)], cancellationToken).ConfigureAwait(false);
            await _store.Outbox.CompleteAsync(Name, [.. built.Gone.Select(item => item.Claimed)], cancellationToken).ConfigureAwait(false);
            foreach (var item in built.Gone)
            {
                settled.Add(item.ProfileKey);
                log.Add(new ExportLogEntry(Name, item.ProfileKey, now, ExportOutcome.Skipped, "nothing remote to export or delete"));
            }
        }

        var report = new BatchReport
        {
            Destination = Name,
            Lane = lane,
            Rows = claimed.Count,
            Rejected = built.Invalid.Count,
            Skipped = built.Gone.Count,
            Failures = failures,
        };

        var batch = built.Requests;
        if (batch.Count == 0)
        {
            await _store.ExportLog.AppendAsync(log, cancellationToken).ConfigureAwait(false);
            return report;
        }

        // Admit the batch at its estimated cost, halving it while the day's quota left is short.
        var estimate = Estimate(batch);
        var grant = await _destination.Scheduler.AdmitAsync(Lanes.Of(lane), batch.Count, estimate, cancellationToken).ConfigureAwait(false);
        while (grant.Rule == ScheduleRule.BatchTooLarge && batch.Count > 1)
        {
            var back = batch[(batch.Count / 2)..];
            batch = batch[..(batch.Count / 2)];
            await _store.Outbox.ReleaseAsync(Name, [.. back.Select(x => x.Item.Claimed)], null, failedAttempt: false, cancellationToken).ConfigureAwait(false);
            foreach (var (item, _) in back)
            {
                settled.Add(item.ProfileKey);
            }

            report = report with { Held = report.Held + back.Count };
            estimate = Estimate(batch);
            grant = await _destination.Scheduler.AdmitAsync(Lanes.Of(lane), batch.Count, estimate, cancellationToken).ConfigureAwait(false);
        }

        if (!grant.IsGo)
        {
            // Held for the day's quota, the rows stay due: they go when the governor can pay again,
            // at the reset or sooner when the ledger learns the quota is back, not at a fixed instant.
            var quota = grant.Rule == ScheduleRule.Governor;
            await _store.Outbox.ReleaseAsync(Name, [.. batch.Select(x => x.Item.Claimed)], quota ? null : grant.Until, failedAttempt: false, cancellationToken).ConfigureAwait(false);
            await _store.ExportLog.AppendAsync(log, cancellationToken).ConfigureAwait(false);
            LogHeld(_logger, Name, batch.Count, grant.Reason);
            return report with
            {
                Held = report.Held + batch.Count,
                EstimatedCalls = estimate,
                HeldBy = grant.Rule,
                HeldUntil = grant.Until,
                HeldReason = grant.Reason,
                QuotaWait = quota ? QuotaWait.Describe(_destination.Governor.Policy, null) : null,
            };
        }

        // What the calls may change stays marked in doubt until their outcome is recorded.
        var doubts = Doubts(batch, states);
        await _store.RemoteState.UpsertAsync([.. doubts.Values], cancellationToken).ConfigureAwait(false);

        var before = _destination.Gate.Tally.Data;
        var metadataBefore = _destination.Gate.Tally.MetadataCalls;
        var rateLimitedBefore = _destination.Gate.RateLimited;
        var requests = batch.Select(x => x.Request).ToList();
        var inBatch = requests.Select(r => r.ProfileKey).ToHashSet(StringComparer.Ordinal);
        var observer = new RemoteIdRecorder(_store.RemoteState, Name, requests, DesiredLists, Time);
        var result = await _destination.Executor.ExportAsync(requests, observer, cancellationToken, (found, ct) => OwnersAsync(found, inBatch, states, ct)).ConfigureAwait(false);
        var outcomes = await RecordAsync(batch, result, states, observer, key => observer.Created.GetValueOrDefault(key) ?? doubts.GetValueOrDefault(key) ?? states.GetValueOrDefault(key), log, failures, settled, cancellationToken).ConfigureAwait(false);

        var calls = _destination.Gate.Tally.DataSince(before);
        var batchReport = outcomes with
        {
            Destination = Name,
            Lane = lane,
            Rows = report.Rows,
            Rejected = report.Rejected + outcomes.Rejected,
            Skipped = report.Skipped + outcomes.Skipped,
            Held = report.Held,
            EstimatedCalls = estimate,
            Calls = calls,
            UnbatchedCalls = result.Plan.Steps.Sum(step => step.Calls.Sum(call => (long)call.Records.Count)),
            MetadataCalls = _destination.Gate.Tally.MetadataCalls - metadataBefore,
            RateLimitErrors = _destination.Gate.RateLimited - rateLimitedBefore,
            Failures = failures.Take(MaxFailuresReported).ToList(),
        };
        EngineMetrics.Batch(_destination, batchReport);
        LogBatch(_logger, Name, batch.Count, batchReport.Exported, batchReport.Deleted, batchReport.Rejected, batchReport.RetryLater, batchReport.DataCalls, estimate);
        return batchReport;
    }

    /// <summary>
    /// When the mapped lists, as mapped now, were adopted (read whole), where the lookup cannot tell
    /// a record's lists; else null. Read until found: the mapping is this process's configuration,
    /// and an adoption of it is made once, so once found it stands (no read per batch after that).
    /// </summary>
    private async Task<DateTimeOffset?> ListsAdoptedAtAsync(CancellationToken cancellationToken)
    {
        if (_listsAdoptedAt is not null || !HighwaterEngine.NeedsAdoption(_destination))
        {
            return _listsAdoptedAt;
        }

        var state = await _store.Destinations.GetAsync(Name, cancellationToken).ConfigureAwait(false);
        _listsAdoptedAt = state?.AdoptedLists == _destination.ListsKey ? state.AdoptedAt : null;
        return _listsAdoptedAt;
    }

    /// <summary>The states to store before the calls: each profile's stored state with what its calls may change marked in doubt.</summary>
    private Dictionary<string, RemoteRecordState> Doubts(List<(OutboxItem Item, ExportRequest Request)> batch, IReadOnlyDictionary<string, RemoteRecordState> states)
    {
        var doubts = new Dictionary<string, RemoteRecordState>(StringComparer.Ordinal);

        // Keys two requests of the batch want: the planner lets the first claim it and holds the
        // others back, which must not record it (the first must: its write may land).
        var claimed = new HashSet<string>(ForeignKeys.Comparer);
        foreach (var (item, request) in batch)
        {
            var first = claimed.Add(request.ForeignKey);
            if (states.TryGetValue(item.ProfileKey, out var stored) && ExportDoubts.Before(stored, request, DesiredLists(request), MappedLists) is { } doubted)
            {
                doubts[item.ProfileKey] = doubted;
            }
            else if (stored is null && !request.Delete && first)
            {
                // Never exported: the key its first write goes out under is recorded before it
                // goes, so a crash that loses the answer still knows where to look (and whose it is).
                doubts[item.ProfileKey] = ExportDoubts.FirstWrite(Name, item.ProfileKey, request.ForeignKey, DesiredLists(request), Time.GetUtcNow());
            }
        }

        return doubts;
    }

    /// <summary>The lists the destination keeps memberships in (none where the service has no lists).</summary>
    private IReadOnlySet<string> MappedLists => _destination.Capabilities.Membership.Style == MembershipStyle.None
        ? FieldValues.NoNames
        : _destination.Config.Lists.Values.ToHashSet(StringComparer.Ordinal);

    private IReadOnlySet<string> DesiredLists(ExportRequest request) => _destination.Capabilities.Membership.Style == MembershipStyle.None
        ? FieldValues.NoNames
        : ExportDoubts.DesiredLists(request.Groups, _destination.Config.Lists);

    /// <summary>The planner's cost of the batch if Highwater's remote state is right about who exists.</summary>
    private int Estimate(List<(OutboxItem Item, ExportRequest Request)> batch) =>
        ExportEstimator.Plan(_destination.Planner, [.. batch.Select(x => x.Request)]).Requests;

    private async Task<BatchReport> RecordAsync(
        List<(OutboxItem Item, ExportRequest Request)> batch,
        BatchResult result,
        IReadOnlyDictionary<string, RemoteRecordState> states,
        RemoteIdRecorder observer,
        Func<string, RemoteRecordState?> doubted,
        List<ExportLogEntry> log,
        List<string> failures,
        HashSet<string> settled,
        CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var items = batch.ToDictionary(x => x.Item.ProfileKey, x => x, StringComparer.Ordinal);
        var upserts = new List<RemoteRecordState>();
        var forget = new List<string>();
        var complete = new List<OutboxCompletion>();
        var deferred = new List<OutboxCompletion>();
        var retry = new List<(OutboxItem Item, string Reason)>();
        var dead = new List<DeadLetter>();
        var freed = new List<string>();
        var again = new HashSet<string>(StringComparer.Ordinal);
        int exported = 0, deleted = 0, skipped = 0, rejected = 0, retryLater = 0, gaveUp = 0;

        foreach (var profile in result.Profiles)
        {
            if (!items.TryGetValue(profile.ProfileKey, out var entry))
            {
                continue;
            }

            var (item, request) = entry;
            var finished = profile.Outcome is ProfileOutcome.Exported or ProfileOutcome.Skipped;
            // Nothing of it went: the doubts stored before the calls were never earned, and the
            // state before this batch (with what the lookup found) is what stands.
            var before = profile.Unsent && !observer.Created.ContainsKey(item.ProfileKey) ? states.GetValueOrDefault(item.ProfileKey) : doubted(item.ProfileKey);
            if (before is not null && observer.Located.TryGetValue(item.ProfileKey, out var located))
            {
                // The lookup found its record: where it is is known, whatever was in doubt before.
                before = ExportDoubts.Located(before, located);
                if (states.GetValueOrDefault(item.ProfileKey)?.ForeignKey is { } stored && !ForeignKeys.Comparer.Equals(stored, located))
                {
                    // Found under another key than the one stored: the stored one holds nothing of it.
                    freed.Add(stored);
                }
            }

            if (request.LastExported is null && profile.Exported?.RemoteId is null && (profile.Unsent || profile.Outcome is ProfileOutcome.Rejected or ProfileOutcome.Deferred) && !observer.Created.ContainsKey(item.ProfileKey))
            {
                // A first write that the service refused, or that never went: nothing was created,
                // so the key recorded before it holds nothing.
                forget.Add(item.ProfileKey);
            }
            else if (profile.Exported is { } confirmed && profile.Outcome != ProfileOutcome.Deleted)
            {
                // The stored key follows the service: it moves to the new key only when a write
                // under it was confirmed; otherwise the record may still carry the old one.
                var key = finished || profile.Written ? request.ForeignKey : before?.ForeignKey ?? request.ForeignKey;
                // A delete that did not finish may have happened: its doubt (no id) stays.
                var state = new RemoteRecordState(Name, item.ProfileKey, request.Delete && !finished && !profile.Unsent ? null : confirmed.RemoteId, key, confirmed.Fields, confirmed.Lists, now);

                // Unfinished, what its calls may have changed stays in doubt.
                var kept = finished ? state : ExportDoubts.Keep(state, before);
                // (A record the service refused was not moved.)
                if (!finished && !profile.Written && profile.Outcome != ProfileOutcome.Rejected && observer.KeysSent.TryGetValue(item.ProfileKey, out var moving))
                {
                    // Its move went and was never confirmed: the record may carry the new key.
                    kept = ExportDoubts.WithKeyInDoubt(kept, moving);
                }

                if (profile.MembershipsUnknown && MappedLists.Except(DesiredLists(request)).ToList() is { Count: > 0 } unknown)
                {
                    // Its upsert matched a record someone else made, in lists nothing told: each
                    // mapped list beyond its own is in doubt, and the row goes again at once, so
                    // the next batch takes the record out of them (a removal from a list it is not
                    // in changes nothing).
                    kept = kept with { Lists = kept.Lists.Concat(unknown.Select(list => ExportDoubts.ListMark + list)).ToHashSet(StringComparer.Ordinal) };
                    again.Add(item.ProfileKey);
                }

                upserts.Add(kept);
                if (finished && states.GetValueOrDefault(item.ProfileKey)?.ForeignKey is { } left && !ForeignKeys.Comparer.Equals(left, request.ForeignKey))
                {
                    freed.Add(left);
                }
            }


            var reason = profile.Reason is null ? null : Describe(item.ProfileKey, profile);
            switch (profile.Outcome)
            {
                case ProfileOutcome.Exported when again.Contains(item.ProfileKey):
                    deferred.Add(item.Claimed);
                    break;
                case ProfileOutcome.Exported:
                    exported++;
                    complete.Add(item.Claimed);
                    log.Add(new ExportLogEntry(Name, item.ProfileKey, now, ExportOutcome.Exported, null));
                    EngineMetrics.Latency(Name, now - item.FirstEnqueuedAt);
                    break;
                case ProfileOutcome.Deleted:
                    deleted++;
                    forget.Add(item.ProfileKey);
                    if (states.GetValueOrDefault(item.ProfileKey)?.ForeignKey is { } gone)
                    {
                        freed.Add(gone);
                    }

                    complete.Add(item.Claimed);
                    log.Add(new ExportLogEntry(Name, item.ProfileKey, now, ExportOutcome.Deleted, null));
                    EngineMetrics.Latency(Name, now - item.FirstEnqueuedAt);
                    break;
                case ProfileOutcome.Skipped:
                    skipped++;
                    complete.Add(item.Claimed);
                    log.Add(new ExportLogEntry(Name, item.ProfileKey, now, ExportOutcome.Skipped, profile.Reason));
                    break;
                case ProfileOutcome.Deferred:
                    deferred.Add(item.Claimed);
                    break;
                case ProfileOutcome.RetryLater when item.Attempts + 1 >= _options.MaxAttempts:
                    gaveUp++;
                    var final = $"{reason ?? $"profile {item.ProfileKey}: failed"} (gave up after {item.Attempts + 1} attempts)";
                    dead.Add(new DeadLetter(0, Name, item.ProfileKey, final, item.Attempts + 1, now));
                    log.Add(new ExportLogEntry(Name, item.ProfileKey, now, ExportOutcome.Rejected, final));
                    failures.Add(final);
                    break;
                case ProfileOutcome.RetryLater:
                    retryLater++;
                    retry.Add((item, reason ?? "failed"));
                    log.Add(new ExportLogEntry(Name, item.ProfileKey, now, ExportOutcome.RetryLater, reason));
                    break;
                case ProfileOutcome.Rejected:
                    rejected++;
                    var why = reason ?? $"profile {item.ProfileKey}: rejected";
                    dead.Add(new DeadLetter(0, Name, item.ProfileKey, why, item.Attempts + 1, now));
                    log.Add(new ExportLogEntry(Name, item.ProfileKey, now, ExportOutcome.Rejected, why));
                    failures.Add(why);
                    break;
            }
        }

        // Anything the executor did not answer for stays to be exported again.
        var answered = result.Profiles.Select(p => p.ProfileKey).ToHashSet(StringComparer.Ordinal);
        deferred.AddRange(items.Values.Where(x => !answered.Contains(x.Item.ProfileKey)).Select(x => x.Item.Claimed));

        await _store.RemoteState.UpsertAsync(upserts, cancellationToken).ConfigureAwait(false);
        await _store.RemoteState.DeleteAsync(Name, forget, cancellationToken).ConfigureAwait(false);
        await _store.DeadLetters.AddAsync(dead, cancellationToken).ConfigureAwait(false);
        await _store.Outbox.RemoveAsync(Name, [.. dead.Select(d => items[d.ProfileKey].Item.Claimed)], cancellationToken).ConfigureAwait(false);

        // A letter from an earlier failure no longer stands; resolved while the row is still ours.
        await _store.DeadLetters.ResolveAsync(Name, [.. complete.Select(c => c.ProfileKey)], cancellationToken).ConfigureAwait(false);
        await _store.Outbox.CompleteAsync(Name, complete, cancellationToken).ConfigureAwait(false);
        await _store.Outbox.ReleaseAsync(Name, deferred, null, failedAttempt: false, cancellationToken).ConfigureAwait(false);
        foreach (var group in retry.GroupBy(r => r.Item.Attempts))
        {
            var wait = Backoff(group.Key);
            await _store.Outbox.ReleaseAsync(Name, [.. group.Select(r => r.Item.Claimed)], now + wait, failedAttempt: true, cancellationToken).ConfigureAwait(false);
        }

        await _store.ExportLog.AppendAsync(log, cancellationToken).ConfigureAwait(false);
        foreach (var key in items.Keys)
        {
            settled.Add(key);
        }

        await RetryClearedConflictsAsync(freed, cancellationToken).ConfigureAwait(false);

        return new BatchReport
        {
            Destination = Name,
            Exported = exported,
            Deleted = deleted,
            Skipped = skipped,
            Deferred = deferred.Count,
            RetryLater = retryLater,
            Rejected = rejected,
            GaveUp = gaveUp,
        };
    }

    private TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts, 12));
        var wait = TimeSpan.FromTicks((long)Math.Min(_options.RetryBackoff.Ticks * factor, TimeSpan.FromHours(1).Ticks));
        return wait;
    }

    private static string Describe(string profileKey, ProfileResult profile)
    {
        var step = profile.FailedStep is null ? "" : $" at {profile.FailedStep}";
        var code = profile.Code is null ? "" : $" ({profile.Code})";
        return $"profile {profileKey}{step}{code}: {profile.Reason}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Destination}: batch of {Rows} rows: {Exported} exported, {Deleted} deleted, {Rejected} rejected, {RetryLater} to retry; {Calls} calls (estimated {Estimated})")]
    private static partial void LogBatch(ILogger logger, string destination, int rows, int exported, int deleted, int rejected, int retryLater, long calls, int estimated);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Destination}: {Rows} rows wait: {Reason}")]
    private static partial void LogHeld(ILogger logger, string destination, int rows, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Destination}: {Key} is free again; {Count} profile(s) rejected for holding it go back to the outbox")]
    private static partial void LogConflictCleared(ILogger logger, string destination, string key, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Destination}: {Reason}")]
    private static partial void LogInvalid(ILogger logger, string destination, string reason);
}

/// <summary>Outbox lanes as the scheduler names them.</summary>
internal static class Lanes
{
    public static Lane Of(OutboxLane lane) => lane == OutboxLane.Backfill ? Lane.Backfill : Lane.Live;
}
