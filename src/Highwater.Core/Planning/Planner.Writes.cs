using Highwater.Core.Model;

namespace Highwater.Core.Planning;

public sealed partial class Planner
{
    /// <summary>A batch's decisions array is kept per thread for the next batch, up to this size.</summary>
    private const int MaxKeptDecisions = 4096;

    [ThreadStatic]
    private static Decision[]? t_decisions;

    /// <summary>
    /// Phase two: from the lookup's answers, decides for every profile whether it is deleted,
    /// updated, created or upserted, which memberships change, and packs each step into as few
    /// calls as the capabilities allow.
    /// </summary>
    /// <param name="phase">The phase-one result for this batch.</param>
    /// <param name="answers">Every record the lookup calls found (misses are simply absent).</param>
    /// <param name="owners">Which profile owns each record found, as the buffer says; none known when null.</param>
    public Plan PlanWrites(LookupPhase phase, IEnumerable<RemoteMatch> answers, RecordOwners? owners = null)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(answers);

        var found = new Dictionary<string, List<RemoteMatch>>(ForeignKeys.Comparer);
        foreach (var match in answers)
        {
            if (!found.TryGetValue(match.ForeignKey, out var matches))
            {
                found[match.ForeignKey] = matches = new List<RemoteMatch>(1);
            }

            if (!matches.Exists(m => m.RemoteId == match.RemoteId))
            {
                matches.Add(match);
            }
        }

        var notes = new List<PlanNote>(phase.Notes);
        var count = phase.Requests.Count;
        var context = new WriteContext(found, owners ?? RecordOwners.None, phase);

        // The decisions never leave this call: the thread's array from the last batch takes them.
        var decisions = t_decisions is { } kept && kept.Length >= count ? kept : new Decision[count];
        t_decisions = null;
        try
        {
            for (var i = 0; i < count; i++)
            {
                decisions[i] = new Decision(phase.Requests[i]);
                if (phase.Bulk is { } bulk && bulk[i])
                {
                    DecideBulk(ref decisions[i], in phase.Diffs[i]);
                }
                else
                {
                    Decide(ref decisions[i], phase.NeedsLookup[i], in phase.Diffs[i], context, notes);
                }
            }

            var waits = phase.Movers is not null;
            for (var i = 0; i < count && !waits; i++)
            {
                waits = decisions[i].WaitsOn is not null;
            }

            if (waits)
            {
                WaitForMovers(decisions.AsSpan(0, count), phase.Movers, notes);
            }

            return Pack(phase, decisions.AsSpan(0, count), notes);
        }
        finally
        {
            Array.Clear(decisions, 0, count);
            if (decisions.Length <= MaxKeptDecisions)
            {
                t_decisions = decisions;
            }
        }
    }

    private void Decide(ref Decision decision, bool lookedUp, in RequestDiff diff, WriteContext context, List<PlanNote> notes)
    {
        var request = decision.Request;
        var last = request.LastExported;
        if (request.Delete)
        {
            DecideDelete(ref decision, lookedUp, context, notes);
            return;
        }

        var desired = diff.Desired;
        if (!lookedUp && diff.Unchanged)
        {
            return;
        }

        // Which remote record is this profile's, and is it the one we last exported?
        string? remoteId;
        string? remoteKey;
        IReadOnlySet<string>? answeredLists = null;
        if (lookedUp)
        {
            if (Choose(ref decision, context, notes) is not { } choice)
            {
                return;
            }

            var chosen = choice.Record;
            remoteId = chosen?.RemoteId;
            remoteKey = chosen is null ? null : choice.Key;
            answeredLists = chosen?.Lists;
            if (chosen is null)
            {
                DecideAbsent(ref decision, desired, notes);
                return;
            }
        }
        else
        {
            remoteId = last?.RemoteId;
            remoteKey = remoteId is null ? null : request.KeyChanged ? request.PreviousForeignKey : request.ForeignKey;
        }

        if (remoteId is null && _mode == SyncMode.Enrich)
        {
            decision.Disposition = Disposition.NotCreated;
            notes.Add(new PlanNote(request.ProfileKey, $"{_capabilities.Service} has no lookup to tell whether it exists; sync mode 'enrich' creates no records"));
            return;
        }

        // Without an id and without a lookup, the record under a changed key cannot be found:
        // it is written afresh under the new key, and nothing known about the old one applies.
        var lost = remoteId is null && request.KeyChanged;
        if (lost)
        {
            notes.Add(new PlanNote(request.ProfileKey, $"the foreign key changed and {_capabilities.Service} offers no way to find the record under the old key; writing it under the new key"));
        }

        var ours = !lost && last is not null && (last.RemoteId is null || remoteId is null || last.RemoteId == remoteId);
        var baseLists = answeredLists is not null ? MappedOf(answeredLists) : ours ? diff.Known : default;
        decision.Adds = desired.Except(baseLists);
        decision.Removes = baseLists.Except(desired);
        if (last is null && !request.ListsObserved && answeredLists is null && (IsInline || (HasMembershipCalls && (remoteId is not null || !MembershipNeedsIds))))
        {
            // Never exported, and nothing told which lists its record is in: it may be a record
            // someone else made (found by the lookup, or matched by the upsert), in lists its
            // groups do not map to. It leaves every such mapped list, as a bulk job's records do;
            // a removal from a list the record is not in changes nothing. (Where removals need an
            // id and the upsert answers one, the upsert's answer says whether it matched a record:
            // see RecordOutcome.Matched.)
            decision.Removes = _allLists.Except(desired);
        }

        decision.RemoteId = remoteId;
        decision.MatchForeignKey = remoteKey;

        if (remoteId is null && !lookedUp && ours && HasMembershipCalls && !MembershipNeedsIds && !request.KeyChanged && diff.ChangedFields is null)
        {
            // Ours, fields as exported, only lists change: membership calls by foreign key need no
            // id, so there is nothing to write.
            decision.Disposition = Disposition.MembershipsOnly;
            return;
        }

        if (remoteId is null)
        {
            // Not looked up and no id known: an upsert by foreign key finds or creates it. The
            // record may be gone remotely, so it gets every field, not just the changed ones.
            decision.Route = WriteRoute.Unresolved;
            decision.Fields = request.Fields;
            decision.Disposition = Disposition.Written;
            return;
        }

        var keyMoves = remoteKey is not null && !ForeignKeys.Comparer.Equals(remoteKey, request.ForeignKey);
        if (keyMoves && !CanAddressById)
        {
            ReplaceRecord(ref decision, remoteId, desired, notes);
            return;
        }

        var fields = ours ? (IReadOnlyDictionary<string, string?>?)diff.ChangedFields : request.Fields;
        var listsChange = !decision.Adds.IsEmpty || !decision.Removes.IsEmpty;
        if ((fields is null || fields.Count == 0) && !keyMoves && !(IsInline && listsChange))
        {
            decision.Disposition = listsChange ? Disposition.MembershipsOnly : Disposition.Unchanged;
            return;
        }

        decision.Fields = fields ?? FieldValues.Empty;
        decision.Route = keyMoves ? WriteRoute.ById : WriteRoute.Existing;
        decision.Disposition = Disposition.Written;
        return;
    }

    /// <summary>
    /// A record in the bulk job: matched by its foreign key, so it needs no id, and sent with every
    /// field (the rows of a job share one set of columns, and the record may be new or gone). Where
    /// its lists are not known (it was never exported), it leaves every mapped list its groups do
    /// not map to: riding on the write, a removal costs nothing, and one for a list the record is
    /// not in changes nothing.
    /// </summary>
    private void DecideBulk(ref Decision decision, in RequestDiff diff)
    {
        var request = decision.Request;
        var last = request.LastExported;
        var baseLists = last is not null ? diff.Known : _allLists;
        decision.Adds = last is not null ? diff.Desired.Except(baseLists) : diff.Desired;
        decision.Removes = baseLists.Except(diff.Desired);
        decision.RemoteId = last?.RemoteId;
        decision.MatchForeignKey = request.ForeignKey;
        decision.Fields = request.Fields;
        decision.Route = WriteRoute.Bulk;
        decision.Disposition = Disposition.Written;
    }

    /// <summary>
    /// The service cannot change a record's foreign key: the profile gets a new record under the
    /// new key, and the old one is deleted where the mode allows (left in place otherwise).
    /// </summary>
    private void ReplaceRecord(ref Decision decision, string oldId, ListMask desired, List<PlanNote> notes)
    {
        var request = decision.Request;
        decision.RemoteId = null;
        decision.MatchForeignKey = null;
        decision.Removes = default;
        if (CanDelete)
        {
            (decision.DeleteIds ??= []).Add(oldId);
        }

        notes.Add(new PlanNote(request.ProfileKey, CanDelete
            ? $"{_capabilities.Service} cannot change a record's foreign key: deleting {oldId} under the old key and writing a new record under the new one"
            : $"{_capabilities.Service} cannot change a record's foreign key: writing a new record under the new key and leaving {oldId} under the old one"));
        DecideAbsent(ref decision, desired, notes);
    }

    private void DecideAbsent(ref Decision decision, ListMask desired, List<PlanNote> notes)
    {
        var request = decision.Request;
        if (_mode == SyncMode.Enrich)
        {
            decision.Adds = default;
            decision.Removes = default;
            decision.Disposition = Disposition.NotCreated;
            notes.Add(new PlanNote(request.ProfileKey, $"not found in {_capabilities.Service}; sync mode 'enrich' creates no records"));
            return;
        }

        decision.Route = WriteRoute.Absent;
        decision.Fields = NonNull(request.Fields);
        decision.Adds = desired;
        decision.Disposition = Disposition.Written;
    }

    private void DecideDelete(ref Decision decision, bool lookedUp, WriteContext context, List<PlanNote> notes)
    {
        var request = decision.Request;
        var last = request.LastExported;
        RemoteMatch? current = null, previous = null;
        List<RemoteMatch>? more = null;
        if (lookedUp)
        {
            // Only records this profile owns are deleted: its own id, or one under a key it was
            // exported under that no other profile owns. A record under its key that another
            // profile or a person created is left alone.
            current = Owned(context.Find(request.ForeignKey, request, notes), request, underStoredKey: (last is not null && !request.KeyChanged) || MovedInDoubt(request, request.ForeignKey));
            previous = request.KeyChanged ? Owned(context.Find(request.PreviousForeignKey!, request, notes), request, underStoredKey: true) : null;
            foreach (var doubtful in KeysInDoubt(request))
            {
                // A write carrying this key was sent and never confirmed: a record there that no other profile owns is its own.
                if (Owned(context.Find(doubtful, request, notes), request, underStoredKey: true) is { } moved)
                {
                    if (current is not null && previous is not null)
                    {
                        // A record under each of several keys (a move stepped aside, another in
                        // doubt): every one the profile owns goes.
                        (more ??= []).Add(moved);
                    }

                    previous ??= moved;
                    current ??= moved;
                }
            }
        }

        if (CanDelete)
        {
            var ids = new List<string>(2);
            if (!lookedUp)
            {
                if (last?.RemoteId is { } id)
                {
                    ids.Add(id);
                }
            }
            else
            {
                if (current is not null) { ids.Add(current.RemoteId); }
                if (previous is not null && previous.RemoteId != current?.RemoteId) { ids.Add(previous.RemoteId); }
                foreach (var moved in more ?? [])
                {
                    if (!ids.Contains(moved.RemoteId))
                    {
                        ids.Add(moved.RemoteId);
                    }
                }
            }

            decision.DeleteIds = ids;
            decision.Disposition = ids.Count > 0 ? Disposition.Deleted : Disposition.AlreadyAbsent;
            return;
        }

        // The mode (or the service) may not delete: the profile leaves every mapped list instead.
        var why = _mode == SyncMode.Sync
            ? $"{_capabilities.Service} has no delete operation"
            : $"sync mode '{_mode.ToString().ToLowerInvariant()}' does not delete";
        var chosen = current ?? previous;
        string? remoteId = lookedUp ? chosen?.RemoteId : last?.RemoteId;
        var ours = last is not null && (last.RemoteId is null || remoteId is null || last.RemoteId == remoteId);
        var lists = chosen?.Lists is { } answered ? MappedOf(answered) : ours ? MappedOf(last!.Lists) : default;
        if (lists.IsEmpty || (remoteId is null && (lookedUp || !IsInline)))
        {
            decision.Disposition = Disposition.Unchanged;
            notes.Add(new PlanNote(request.ProfileKey, $"to be deleted, but {why}, and it is in none of the mapped lists"));
            return;
        }

        decision.RemoteId = remoteId;
        decision.MatchForeignKey = lookedUp
            ? (chosen == current ? request.ForeignKey : request.PreviousForeignKey)
            : (request.KeyChanged ? request.PreviousForeignKey : request.ForeignKey);

        // Leaving its lists, the record keeps the key it has: this is no time to move it.
        decision.WriteKey = decision.MatchForeignKey;
        decision.Removes = lists;
        decision.Disposition = Disposition.RemovedFromLists;
        if (IsInline)
        {
            decision.Route = remoteId is null ? WriteRoute.Unresolved : WriteRoute.Existing;
        }

        notes.Add(new PlanNote(request.ProfileKey, $"to be deleted, but {why}: removed from {lists.Count} mapped list(s) instead"));
    }
}
