using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Engine.Execution;

/// <summary>
/// Updates of records moving among each other's keys (a chain a->b->c, a swap): a record takes a
/// key only once the record holding it has moved away, so a move that fails never leaves two
/// records under one key. They go in waves, the one leaving a key before the one taking it (a
/// chain costs one update call per link). A cycle (a swap) goes in one wave where the service lets
/// two records share a key for a moment; where it does not (Eloqua's unique e-mail), one record
/// first steps aside to a temporary key, which costs one update more, and then moves from there.
/// </summary>
public sealed partial class PlanExecutor
{
    private async Task RunKeyMovesInOrderAsync(PlanStep step, BatchState state, IExportObserver? observer, ParallelOptions parallel)
    {
        var kind = step.Calls.Count > 0 ? step.Calls[0].Kind : CallKind.Update;
        var requests = step.Calls.Count > 0 ? step.Calls[0].Requests : 1;
        var pending = step.Calls.SelectMany(c => c.Records).ToList();
        var held = new Dictionary<string, string>(ForeignKeys.Comparer); // key -> profile whose record still holds it and moves away
        foreach (var record in pending)
        {
            if (Moves(record))
            {
                held[record.MatchForeignKey!] = record.ProfileKey;
            }
        }

        var moved = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var ready = pending.Where(r => BlockerOf(r, held, moved) is null).ToList();
            if (ready.Count == 0 && !_connector.Capabilities.UniqueForeignKeys)
            {
                // A cycle on a service that lets two records share a key for a moment: all at once.
                ready = [.. pending];
            }
            else if (ready.Count == 0)
            {
                // A cycle: the first record steps aside to a temporary key, so the others can go.
                var first = pending[0];
                var aside = first with { ForeignKey = TemporaryKey(first), Fields = null, ListChanges = null };
                if (observer is not null)
                {
                    // A crash after it stepped aside leaves it there: the next export looks there too.
                    await observer.KeyMovesSendingAsync([new(first.ProfileKey, aside.ForeignKey!)], parallel.CancellationToken).ConfigureAwait(false);
                }

                var written = state.WasWritten(first.ProfileKey);
                await RunCallAsync(new PlannedCall(kind, null, [aside], requests), state, observer, parallel.CancellationToken).ConfigureAwait(false);
                if (!written)
                {
                    // Stepping aside is not the profile's write: until its move lands, its record is where it stepped to.
                    state.Unwritten(first.ProfileKey);
                }

                if (state.HasFailed(first.ProfileKey))
                {
                    // It keeps its key: whoever takes that key waits (see below).
                    pending.Remove(first);
                    moved.Add(first.ProfileKey);
                }
                else
                {
                    held.Remove(first.MatchForeignKey!);

                    // It now stands at the temporary key, and where a record's id is its key's (Mailchimp's
                    // subscriber hash) under a new id: its move goes from there, not from the key it left,
                    // and a move that fails leaves it there, its own key in doubt.
                    pending[0] = first with { MatchForeignKey = aside.ForeignKey, RemoteId = state.IdOf(first.ProfileKey) ?? first.RemoteId };
                    if (observer is not null)
                    {
                        await observer.RecordsLocatedAsync([new(first.ProfileKey, aside.ForeignKey!)], parallel.CancellationToken).ConfigureAwait(false);
                        await observer.KeyMovesSendingAsync([new(first.ProfileKey, first.ForeignKey!)], parallel.CancellationToken).ConfigureAwait(false);
                    }
                }

                FailBlocked(pending, held, moved, state);
                continue;
            }

            var max = kind == CallKind.Upsert ? _connector.Capabilities.Upsert?.MaxBatch ?? 1 : _connector.Capabilities.Update?.MaxBatch ?? 1;
            var calls = ready.Chunk(Math.Max(1, max)).Select(records => new PlannedCall(kind, null, records, requests)).ToList();
            await Parallel.ForEachAsync(calls, parallel, (call, ct) => new ValueTask(RunCallAsync(call, state, observer, ct))).ConfigureAwait(false);
            foreach (var record in ready)
            {
                pending.Remove(record);
                if (Moves(record))
                {
                    if (!state.HasFailed(record.ProfileKey))
                    {
                        held.Remove(record.MatchForeignKey!);
                    }

                    moved.Add(record.ProfileKey);
                }
            }

            FailBlocked(pending, held, moved, state);
        }
    }

    /// <summary>A record whose key's holder failed to move cannot take the key: it waits for the next batch.</summary>
    private static void FailBlocked(List<PlannedRecord> pending, Dictionary<string, string> held, HashSet<string> moved, BatchState state)
    {
        // Down a chain: a record that cannot move holds back the one taking its key, and so on.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var record in pending.ToList())
            {
                if (BlockerOf(record, held, moved) is { } blocker && moved.Contains(blocker) && state.HasFailed(blocker))
                {
                    state.Fail(record.ProfileKey, ProfileOutcome.RetryLater, "update", null, $"takes the foreign key of profile {blocker}, whose record did not move away; retried later");
                    pending.Remove(record);
                    moved.Add(record.ProfileKey);
                    changed = true;
                }
            }
        }
    }

    private static bool Moves(PlannedRecord record) =>
        record.MatchForeignKey is not null && record.ForeignKey is not null && !ForeignKeys.Comparer.Equals(record.MatchForeignKey, record.ForeignKey);

    /// <summary>The profile whose record still holds the key <paramref name="record"/> takes, if any.</summary>
    private static string? BlockerOf(PlannedRecord record, Dictionary<string, string> held, HashSet<string> moved) =>
        record.ForeignKey is { } key && held.TryGetValue(key, out var holder) && holder != record.ProfileKey ? holder : null;

    /// <summary>A key no person has: the record's id at a reserved domain (RFC 2606), valid as an e-mail address.</summary>
    private static string TemporaryKey(PlannedRecord record) => $"highwater-moving-{record.RemoteId ?? record.ProfileKey}@example.invalid";
}
