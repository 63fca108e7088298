using Highwater.Core.Model;

namespace Highwater.Core.Planning;

/// <summary>
/// Ownership in phase two: which record found by the lookup is a profile's own, when a key held by
/// a record it does not own is a conflict, and who waits on whose move in a swap or a chain.
/// </summary>
public sealed partial class Planner
{
    /// <summary>
    /// From the lookup's answers, the record this profile writes: its own (by id, or under a key it
    /// was exported under that no other profile owns), or, where it has none, the record its new
    /// key matches if no other profile owns it (matching by the foreign key is what a first export
    /// means). A record another profile owns is never taken, unless that profile leaves the key in
    /// this batch; a record no profile owns is taken from under a profile that has its own only
    /// when the destination adopts. Null when the profile is rejected for a conflict.
    /// </summary>
    private (RemoteMatch? Record, string? Key)? Choose(ref Decision decision, WriteContext context, List<PlanNote> notes)
    {
        var request = decision.Request;
        var last = request.LastExported;
        var profile = request.ProfileKey;
        var underNewKey = context.Find(request.ForeignKey, request, notes);
        RemoteMatch? mine = null;
        string? mineKey = null;
        if (request.KeyChanged)
        {
            mine = Owned(context.Find(request.PreviousForeignKey!, request, notes), request, underStoredKey: true);
            mineKey = mine is null ? null : request.PreviousForeignKey;
        }

        foreach (var doubtful in KeysInDoubt(request))
        {
            // A write carrying this key was sent and never confirmed: a record there that no other profile owns is its own.
            if (mine is null && Owned(context.Find(doubtful, request, notes), request, underStoredKey: true) is { } moved)
            {
                (mine, mineKey) = (moved, doubtful);
            }
        }

        if (underNewKey is not { } found)
        {
            return (mine, mineKey);
        }

        var (current, owner) = found;
        if (owner == profile || (owner is null && ((!request.KeyChanged && last is not null) || MovedInDoubt(request, request.ForeignKey))))
        {
            if (mine is not null && mine.RemoteId != current.RemoteId)
            {
                notes.Add(new PlanNote(profile, $"a record exists under both keys; updating {current.RemoteId} under the new key and leaving {mine.RemoteId} under the old one"));
            }

            return (current, request.ForeignKey);
        }

        if (owner is not null)
        {
            if (context.Leaves(owner, request.ForeignKey))
            {
                // The owner moves away from the key in this batch: as if absent, once it has moved.
                decision.WaitsOn = owner;
                return (mine, mineKey);
            }

            Conflict(ref decision, $"{_keyName} {request.ForeignKey} is held by record {current.RemoteId} of profile {owner}", notes);
            return null;
        }

        // A record no profile owns: the profile's match only on its first export (matching by the
        // key is what that means). One exported before has a record somewhere even where neither
        // key finds it: a known id not found is a record that moved where this batch did not look
        // (a crash's doing), and a record known by its key alone (Pardot, Eloqua) or a first write
        // in doubt may be under a key the buffer never heard of. Taking a record someone else made
        // for it would overwrite that person.
        if (mine is null && last is null)
        {
            return (current, request.ForeignKey);
        }

        if (_onKeyConflict != KeyConflictPolicy.Adopt)
        {
            Conflict(ref decision, $"{_keyName} {request.ForeignKey} is held by record {current.RemoteId}, which Highwater did not create (onKeyConflict: adopt takes such a record over)", notes);
            return null;
        }

        if (mine is null)
        {
            notes.Add(new PlanNote(profile, $"onKeyConflict: adopt: taking over {current.RemoteId} under the new key; the profile's own record was not found under its keys"));
        }
        else if (CanDelete)
        {
            decision.DeleteIds = [mine.RemoteId];
            notes.Add(new PlanNote(profile, $"onKeyConflict: adopt: taking over {current.RemoteId} under the new key and deleting the profile's own {mine.RemoteId} under the old one"));
        }
        else
        {
            notes.Add(new PlanNote(profile, $"onKeyConflict: adopt: taking over {current.RemoteId} under the new key and leaving the profile's own {mine.RemoteId} under the old one"));
        }

        return (current, request.ForeignKey);
    }

    /// <summary>Whether a move of the profile's record toward <paramref name="key"/> was sent and never confirmed: a record there no other profile owns is its own.</summary>
    private static bool MovedInDoubt(ExportRequest request, string key) =>
        request.LastExported?.KeysInDoubt.Contains(key, ForeignKeys.Comparer) == true;

    /// <summary>The record if the profile owns it: by id, or found under a key it was exported under and owned by no other profile.</summary>
    private static RemoteMatch? Owned((RemoteMatch Match, string? Owner)? found, ExportRequest request, bool underStoredKey) =>
        found is { } f && (f.Owner == request.ProfileKey || (f.Owner is null && underStoredKey)) ? f.Match : null;

    private static void Conflict(ref Decision decision, string reason, List<PlanNote> notes)
    {
        decision.Disposition = Disposition.Conflict;
        decision.Route = WriteRoute.None;
        decision.Adds = default;
        decision.Removes = default;
        decision.Fields = FieldValues.Empty;
        notes.Add(new PlanNote(decision.Request.ProfileKey, reason));
    }

    /// <summary>
    /// A profile that takes a key another profile of the batch leaves writes only if that profile
    /// moves: where the mover stays (rejected for a conflict, unchanged, deferred), the taker waits
    /// for the next batch, so it never writes over a record still under the key, nor moves its own
    /// record there beside it.
    /// </summary>
    private static void WaitForMovers(Span<Decision> decisions, IReadOnlyDictionary<string, string>? movers, List<PlanNote> notes)
    {
        var moving = new HashSet<string>(StringComparer.Ordinal);
        foreach (ref readonly var decision in decisions)
        {
            // Written under its new key, deleted, or to be deleted and holding nothing: the key is free.
            if (decision.Disposition is Disposition.Written or Disposition.Deleted or Disposition.AlreadyAbsent)
            {
                moving.Add(decision.Request.ProfileKey);
            }
        }

        // A profile held back here does not move either: whoever waits on it is held back in turn,
        // until no holding back follows from another (a chain waits link by link).
        var held = true;
        while (held)
        {
            held = false;
            foreach (ref var decision in decisions)
            {
                // A taker whose own record the lookup found under the key already waits on nobody. It
                // waits on the profile leaving the key, and on the owner of the record found there
                // (not the same one where that record sits under a key in doubt).
                var mover = movers?.GetValueOrDefault(decision.Request.ProfileKey) is { } leaver && !moving.Contains(leaver) ? leaver
                    : decision.WaitsOn is { } owner && !moving.Contains(owner) ? owner : null;
                if (mover is not null
                    && decision.Disposition is Disposition.Written or Disposition.MembershipsOnly
                    && !(decision.RemoteId is not null && decision.MatchForeignKey is { } at && ForeignKeys.Comparer.Equals(at, decision.Request.ForeignKey)))
                {
                    moving.Remove(decision.Request.ProfileKey);
                    decision.Disposition = Disposition.Deferred;
                    decision.Route = WriteRoute.None;
                    decision.Adds = default;
                    decision.Removes = default;
                    decision.Fields = FieldValues.Empty;
                    decision.DeleteIds = null;
                    notes.Add(new PlanNote(decision.Request.ProfileKey, $"takes the foreign key profile '{mover}' leaves, which does not move in this batch; held back for the next batch"));
                    held = true;
                }
            }
        }
    }
}
