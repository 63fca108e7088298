using System.Runtime.InteropServices;
using Highwater.Core.Model;

namespace Highwater.Core.Planning;

public sealed partial class Planner
{
    /// <summary>
    /// Phase one: decides which foreign keys must be looked up and packs them into as few calls
    /// as the lookup allows. A profile whose remote id is known, or whose write can go by upsert,
    /// needs no lookup; a profile whose key changed has both keys looked up.
    /// </summary>
    public LookupPhase PlanLookup(IReadOnlyList<ExportRequest> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);

        var scratch = LookupScratch.Take();
        try
        {
            return PlanLookupWith(batch, scratch.Claims, scratch.Profiles);
        }
        finally
        {
            LookupScratch.Return(scratch);
        }
    }

    private LookupPhase PlanLookupWith(IReadOnlyList<ExportRequest> batch, Dictionary<string, string> claims, HashSet<string> profiles)
    {
        var accepted = new List<ExportRequest>(batch.Count);
        var needs = new bool[batch.Count];
        var diffs = new RequestDiff[batch.Count];
        var deferred = new List<ExportRequest>();
        var notes = new List<PlanNote>();
        var records = new List<PlannedRecord>();

        ReadOnlySpan<ExportRequest> requests = batch switch
        {
            ExportRequest[] array => array,
            List<ExportRequest> list => CollectionsMarshal.AsSpan(list),
            _ => [.. batch],
        };

        RequestPrefetch.Warm(requests);

        // Key-changing profiles go first: they claim their old record before another profile of
        // the batch that takes over the old e-mail could claim it. Two profiles wanting one key, or
        // leaving one, cannot share a batch; a profile taking the key another leaves can (a swap, a
        // chain a->b->c): it waits on that profile's move (see LookupPhase.Movers).
        Dictionary<string, string>? leaving = null;
        Dictionary<string, string>? leavingInDoubt = null;
        Dictionary<string, string>? movers = null;
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var request in requests)
            {
                if (request.KeyChanged != (pass == 0))
                {
                    continue;
                }

                if (!profiles.Add(request.ProfileKey))
                {
                    deferred.Add(request);
                    notes.Add(new PlanNote(request.ProfileKey, "appears twice in this batch; the second is held back for the next batch"));
                    continue;
                }

                if (Claim(claims, ref leaving, request) is { } clash)
                {
                    deferred.Add(request);
                    notes.Add(new PlanNote(request.ProfileKey, $"shares the foreign key '{clash.Key}' with profile '{clash.Owner}' in this batch; held back for the next batch"));
                    continue;
                }

                // A record whose move was sent and never confirmed may be under a key in doubt:
                // the profile leaves that key too, and whoever takes it waits on its move. (Only
                // for the waiting: a key in doubt clashes with no one, as a stored one would.)
                foreach (var doubtful in KeysInDoubt(request))
                {
                    (leavingInDoubt ??= new Dictionary<string, string>(ForeignKeys.Comparer)).TryAdd(doubtful, request.ProfileKey);
                }

                if (leaving is not null || leavingInDoubt is not null)
                {
                    NoteMovers(claims, leaving, leavingInDoubt, request, ref movers);
                }

                var i = accepted.Count;
                accepted.Add(request);
                diffs[i] = DiffOf(request);
                needs[i] = NeedsLookup(request, diffs[i]);
                if (needs[i])
                {
                    records.Add(new PlannedRecord { ProfileKey = request.ProfileKey, ForeignKey = request.ForeignKey });
                    if (request.KeyChanged)
                    {
                        records.Add(new PlannedRecord { ProfileKey = request.ProfileKey, ForeignKey = request.PreviousForeignKey });
                    }

                    foreach (var doubtful in KeysInDoubt(request))
                    {
                        records.Add(new PlannedRecord { ProfileKey = request.ProfileKey, ForeignKey = doubtful });
                    }
                }
            }
        }

        ExportPathChoice? choice = null;
        bool[]? bulk = null;
        if (_capabilities.BulkUpsert is not null)
        {
            (choice, bulk) = ChoosePath(accepted, needs, diffs, records);
        }

        var calls = new List<PlannedCall>();
        if (records.Count > 0)
        {
            var lookup = _capabilities.Lookup!.Value;
            Pack(calls, CallKind.Lookup, null, CollectionsMarshal.AsSpan(records), lookup.MaxKeys, lookup.RequestsPerCall);
        }

        return new LookupPhase(accepted, needs, diffs, deferred, new PlanStep(StepKind.Lookup, calls)) { Notes = notes, PathChoice = choice, Bulk = bulk, Movers = movers };
    }

    /// <summary>
    /// Where the service has a bulk upsert: weighs it against the batch path for the records that
    /// could take either (written, not deleted, keeping their key), and on the bulk path takes
    /// them out of the lookups. Deletes and changed keys stay on the batch path.
    /// </summary>
    private (ExportPathChoice? Choice, bool[]? Bulk) ChoosePath(List<ExportRequest> accepted, bool[] needs, RequestDiff[] diffs, List<PlannedRecord> records)
    {
        int candidates = 0, lookups = 0;
        for (var i = 0; i < accepted.Count; i++)
        {
            if (IsBulkCandidate(accepted[i], diffs[i]))
            {
                candidates++;
                lookups += needs[i] ? 1 : 0;
            }
        }

        var choice = ExportPathChooser.Choose(_capabilities, _mode, candidates, lookups, records.Count - lookups, _quotaLeft?.Invoke() ?? 1);
        if (choice is not { Path: ExportPath.Bulk })
        {
            return (choice, null);
        }

        var bulk = new bool[needs.Length];
        var moved = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < accepted.Count; i++)
        {
            if (IsBulkCandidate(accepted[i], diffs[i]))
            {
                bulk[i] = true;
                if (needs[i])
                {
                    needs[i] = false;
                    moved.Add(accepted[i].ProfileKey);
                }
            }
        }

        records.RemoveAll(r => moved.Contains(r.ProfileKey));
        return (choice, bulk);
    }

    private static bool IsBulkCandidate(ExportRequest request, in RequestDiff diff) => !request.Delete && !request.KeyChanged && !request.KeyContested && !KeysInDoubt(request).Any() && !diff.Unchanged;

    /// <summary>
    /// Claims the request's foreign key for its profile (and, when it changed, the old key as one it
    /// leaves), hashing each key once; when another profile of the batch wants the same key, or
    /// leaves the same old key, claims none and answers that key and its owner.
    /// </summary>
    private static (string Key, string Owner)? Claim(Dictionary<string, string> claims, ref Dictionary<string, string>? leaving, ExportRequest request)
    {
        ref var owner = ref CollectionsMarshal.GetValueRefOrAddDefault(claims, request.ForeignKey, out var taken);
        if (taken)
        {
            return (request.ForeignKey, owner!);
        }

        owner = request.ProfileKey;
        if (!request.KeyChanged)
        {
            return null;
        }

        leaving ??= new Dictionary<string, string>(ForeignKeys.Comparer);
        ref var previousOwner = ref CollectionsMarshal.GetValueRefOrAddDefault(leaving, request.PreviousForeignKey!, out taken);
        if (taken)
        {
            var clash = (request.PreviousForeignKey!, previousOwner!);
            claims.Remove(request.ForeignKey);
            return clash;
        }

        previousOwner = request.ProfileKey;
        return null;
    }

    /// <summary>Notes who waits on whose move: a profile taking a key another leaves waits on that one.</summary>
    private static void NoteMovers(Dictionary<string, string> claims, Dictionary<string, string>? leaving, Dictionary<string, string>? leavingInDoubt, ExportRequest request, ref Dictionary<string, string>? movers)
    {
        if ((leaving?.TryGetValue(request.ForeignKey, out var mover) == true || leavingInDoubt?.TryGetValue(request.ForeignKey, out mover) == true) && mover != request.ProfileKey)
        {
            (movers ??= new Dictionary<string, string>(StringComparer.Ordinal))[request.ProfileKey] = mover;
        }

        if (request.KeyChanged && claims.TryGetValue(request.PreviousForeignKey!, out var taker) && taker != request.ProfileKey)
        {
            (movers ??= new Dictionary<string, string>(StringComparer.Ordinal))[taker] = request.ProfileKey;
        }

        foreach (var doubtful in KeysInDoubt(request))
        {
            if (claims.TryGetValue(doubtful, out var doubtTaker) && doubtTaker != request.ProfileKey)
            {
                (movers ??= new Dictionary<string, string>(StringComparer.Ordinal))[doubtTaker] = request.ProfileKey;
            }
        }
    }

    private bool NeedsLookup(ExportRequest request, RequestDiff diff)
    {
        if (_capabilities.Lookup is not { } lookup)
        {
            return false;
        }

        var knownId = request.LastExported?.RemoteId;
        if (request.Delete)
        {
            if (CanDelete)
            {
                // A changed key is looked up on both sides so no record of the profile survives.
                return knownId is null || request.KeyChanged || KeysInDoubt(request).Any();
            }

            // Not deleting: the profile leaves its lists instead, which needs its id only when
            // it is in some list we know of or the lookup would tell us.
            if (knownId is not null || _lists.Length == 0)
            {
                return false;
            }

            return lookup.ReturnsMemberships || !MappedOf(request.LastExported?.Lists).IsEmpty;
        }

        if (diff.Unchanged)
        {
            return false;
        }

        if (request.KeyContested)
        {
            return true;
        }

        // A move in doubt: the record may be under either key, so it is found before it is written.
        if (request.KeyChanged || KeysInDoubt(request).Any())
        {
            return true;
        }

        if (knownId is not null)
        {
            return false;
        }

        // Ours, id unknown, fields as exported: only the lists changed, and a lookup finds the id
        // where an upsert would write nothing.
        if (request.LastExported is not null && MembershipNeedsIds && diff.ChangedFields is null)
        {
            return true;
        }

        if (_mode == SyncMode.Enrich)
        {
            return true;
        }

        // Where the lookup answers memberships, asking is what makes the membership diff exact.
        if (lookup.ReturnsMemberships && _lists.Length > 0)
        {
            return true;
        }

        // An upsert finds or creates the record by itself; we only need the id first when the
        // upsert will not answer it and a membership call needs it (one never exported may match a
        // record in mapped lists it has to leave, which takes its id too).
        if (_capabilities.Upsert is { } upsert)
        {
            return !upsert.ReturnsIds && MembershipNeedsIds && (diff.Desired != diff.Known || (request.LastExported is null && !request.ListsObserved && _lists.Length > 0));
        }

        return true;
    }

    /// <summary>The keys moves of the profile's record were sent toward and never confirmed, but for the request's own keys.</summary>
    private static IEnumerable<string> KeysInDoubt(ExportRequest request) =>
        request.LastExported is { KeysInDoubt.Count: > 0 } last
            ? last.KeysInDoubt.Where(key => !ForeignKeys.Comparer.Equals(key, request.ForeignKey)
                && (request.PreviousForeignKey is null || !ForeignKeys.Comparer.Equals(key, request.PreviousForeignKey)))
            : [];

    /// <summary>Cuts records into calls of at most <paramref name="max"/> records each; an array that fits one call is that call's.</summary>
    private static void Pack(List<PlannedCall> calls, CallKind kind, string? list, PlannedRecord[] records, int max, int requests)
    {
        if (records.Length > 0 && records.Length <= max)
        {
            calls.Add(new PlannedCall(kind, list, records, requests));
            return;
        }

        Pack(calls, kind, list, records.AsSpan(), max, requests);
    }

    /// <summary>Cuts records into calls of at most <paramref name="max"/> records each.</summary>
    private static void Pack(List<PlannedCall> calls, CallKind kind, string? list, ReadOnlySpan<PlannedRecord> records, int max, int requests)
    {
        for (var start = 0; start < records.Length; start += max)
        {
            var count = Math.Min(max, records.Length - start);
            calls.Add(new PlannedCall(kind, list, records.Slice(start, count).ToArray(), requests));
        }
    }
}
