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

        // Key-changing profiles go first: they claim their old record before another profile of
        // the batch that took over the old e-mail could claim it.
        var ordered = new List<ExportRequest>(batch.Count);
        foreach (var request in batch)
        {
            if (request.KeyChanged)
            {
                ordered.Add(request);
            }
        }

        foreach (var request in batch)
        {
            if (!request.KeyChanged)
            {
                ordered.Add(request);
            }
        }

        var claims = new Dictionary<string, string>(batch.Count, ForeignKeys.Comparer);
        var profiles = new HashSet<string>(batch.Count, StringComparer.Ordinal);
        var accepted = new List<ExportRequest>(batch.Count);
        var deferred = new List<ExportRequest>();
        var notes = new List<PlanNote>();
        foreach (var request in ordered)
        {
            if (!profiles.Add(request.ProfileKey))
            {
                deferred.Add(request);
                notes.Add(new PlanNote(request.ProfileKey, "appears twice in this batch; the second is held back for the next batch"));
                continue;
            }

            var clash = Claimant(claims, request.ForeignKey) ?? (request.KeyChanged ? Claimant(claims, request.PreviousForeignKey!) : null);
            if (clash is not null)
            {
                deferred.Add(request);
                notes.Add(new PlanNote(request.ProfileKey, $"shares the foreign key '{clash.Value.Key}' with profile '{clash.Value.Owner}' in this batch; held back for the next batch"));
                continue;
            }

            claims[request.ForeignKey] = request.ProfileKey;
            if (request.KeyChanged)
            {
                claims[request.PreviousForeignKey!] = request.ProfileKey;
            }

            accepted.Add(request);
        }

        var needs = new bool[accepted.Count];
        var diffs = new RequestDiff[accepted.Count];
        var records = new List<PlannedRecord>();
        for (var i = 0; i < accepted.Count; i++)
        {
            var request = accepted[i];
            diffs[i] = DiffOf(request);
            needs[i] = NeedsLookup(request, diffs[i]);
            if (!needs[i])
            {
                continue;
            }

            records.Add(new PlannedRecord { ProfileKey = request.ProfileKey, ForeignKey = request.ForeignKey });
            if (request.KeyChanged)
            {
                records.Add(new PlannedRecord { ProfileKey = request.ProfileKey, ForeignKey = request.PreviousForeignKey });
            }
        }

        var calls = new List<PlannedCall>();
        if (records.Count > 0)
        {
            var lookup = _capabilities.Lookup!.Value;
            Pack(calls, CallKind.Lookup, null, CollectionsMarshal.AsSpan(records), lookup.MaxKeys, lookup.RequestsPerCall);
        }

        return new LookupPhase(accepted, needs, diffs, deferred, new PlanStep(StepKind.Lookup, calls)) { Notes = notes };
    }

    private static (string Key, string Owner)? Claimant(Dictionary<string, string> claims, string key) =>
        claims.TryGetValue(key, out var owner) ? (key, owner) : null;

    private bool CanDelete => _mode == SyncMode.Sync && _capabilities.Delete is not null;

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
                return knownId is null || request.KeyChanged;
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

        if (request.KeyChanged)
        {
            return true;
        }

        if (knownId is not null)
        {
            return false;
        }

        // Ours, id unknown, fields as exported: only the lists changed, and a lookup finds the id
        // where an upsert would write nothing.
        if (request.LastExported is not null && HasMembershipCalls && diff.ChangedFields is null)
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
        // upsert will not answer it and a membership call needs it.
        if (_capabilities.Upsert is { } upsert)
        {
            return !upsert.ReturnsIds && HasMembershipCalls && diff.Desired != diff.Known;
        }

        return true;
    }

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
