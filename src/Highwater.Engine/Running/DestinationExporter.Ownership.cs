using System.Text.RegularExpressions;
using Highwater.Core.Model;
using Highwater.Core.Planning;
using Highwater.Storage.DeadLetters;
using Highwater.Storage.RemoteState;

namespace Highwater.Engine.Running;

/// <summary>
/// Ownership: a remote record belongs to at most one profile, as the remote state says. A profile
/// whose foreign key another profile holds is rejected for the destination, naming the record and
/// its owner, and retried when the holder leaves the key (moves away or is deleted).
/// </summary>
internal sealed partial class DestinationExporter
{
    /// <summary>
    /// Takes out of the batch each request whose key (new, or changed) another profile was exported
    /// under and keeps, unless that profile leaves it in this very batch (a swap, a chain): those go
    /// to the dead letters with the conflict named.
    /// </summary>
    private async Task RejectKeyConflictsAsync(RequestBuilder.Built built, IReadOnlyDictionary<string, RemoteRecordState> states, CancellationToken cancellationToken)
    {
        // A profile whose record under its key is confirmed needs no check; one that only recorded
        // the key before a first write whose outcome it never learnt (a crash) does.
        var moving = built.Requests
            .Where(x => !x.Request.Delete && (states.GetValueOrDefault(x.Item.ProfileKey) is not { ForeignKey: { } stored } state || !ForeignKeys.Comparer.Equals(stored, x.Request.ForeignKey) || !Confirmed(state)))
            .ToList();
        if (moving.Count == 0)
        {
            return;
        }

        var holders = await _store.RemoteState.FindByForeignKeysAsync(Name, [.. moving.Select(x => x.Request.ForeignKey).Distinct(ForeignKeys.Comparer)], cancellationToken).ConfigureAwait(false);
        if (holders.Count == 0)
        {
            return;
        }

        var inBatch = built.Requests.ToDictionary(x => x.Item.ProfileKey, x => x.Request, StringComparer.Ordinal);
        var byKey = holders.Where(h => h.ForeignKey is not null).ToLookup(h => h.ForeignKey!, ForeignKeys.Comparer);
        var rejected = new HashSet<string>(StringComparer.Ordinal);
        var contested = new HashSet<string>(StringComparer.Ordinal);

        // A holder rejected here does not leave its key after all: whoever counted on that is
        // checked again, until no rejection follows from another.
        var more = true;
        while (more)
        {
            more = false;
            foreach (var (item, request) in moving)
            {
                if (rejected.Contains(item.ProfileKey) || Holder(item.ProfileKey, request) is not { } holder)
                {
                    continue;
                }

                // Where the service never answered the record's id (Pardot's batch writes, Eloqua's
                // bulk imports), it is named by its owner alone.
                var record = holder.RemoteId is { } id ? $"record {id} of profile {holder.ProfileKey}" : $"the record of profile {holder.ProfileKey}";
                built.Invalid.Add((item, $"profile {item.ProfileKey}: {KeyConflict(request.ForeignKey)} {record}"));
                rejected.Add(item.ProfileKey);
                more = true;
            }
        }

        built.Requests.RemoveAll(x => rejected.Contains(x.Item.ProfileKey));

        // A key whose holder's record is in doubt is the lookup's to settle: no write goes by the
        // key alone (an upsert by e-mail would land on that record, whoever's it is).
        for (var i = 0; i < built.Requests.Count; i++)
        {
            if (contested.Contains(built.Requests[i].Item.ProfileKey))
            {
                built.Requests[i] = built.Requests[i] with { Request = built.Requests[i].Request with { KeyContested = true } };
            }
        }

        // The profile holding the request's key with a confirmed record, and not leaving it in this batch.
        RemoteRecordState? Holder(string profileKey, ExportRequest request)
        {
            foreach (var holder in byKey[request.ForeignKey])
            {
                if (holder.ProfileKey == profileKey)
                {
                    continue;
                }

                if (!HoldsFirmly(holder))
                {
                    contested.Add(profileKey);
                    // (Or a move of its record went and was never confirmed: the record may be
                    // under another key by now.)
                    // The holder only recorded the key before a first write whose outcome it never
                    // learnt: whether a record is there is the lookup's to say, and the planner's
                    // ownership rules name its owner if there is one.
                    continue;
                }

                if (!rejected.Contains(holder.ProfileKey) && inBatch.TryGetValue(holder.ProfileKey, out var other) && (other.Delete || !ForeignKeys.Comparer.Equals(other.ForeignKey, request.ForeignKey)))
                {
                    // The holder leaves the key in this batch: the planner orders the two, and looks
                    // the key up (the holder may yet be held back, and its record stay).
                    contested.Add(profileKey);
                    continue;
                }

                return holder;
            }

            return null;
        }
    }

    /// <summary>Whether the state is more than a key recorded before a first write: an id, or a field or list the service confirmed.</summary>
    private static bool Confirmed(RemoteRecordState state) => !ExportDoubts.IsFirstWrite(state);

    /// <summary>Whether the state's record is surely under its stored key: confirmed, and no move of it in doubt.</summary>
    private static bool HoldsFirmly(RemoteRecordState state) => Confirmed(state) && !ExportDoubts.HasKeysInDoubt(state);

    /// <summary>The start of a conflict's reason, which the retry looks for: <c>email b@ex.com is held by</c>.</summary>
    private string KeyConflict(string key) => $"{_destination.Config.ForeignKey} {key} is held by";

    /// <summary>
    /// Which profile owns each record the lookup found, from the remote state: by its id, and, for
    /// profiles whose record's id the service never answered, by the key they were exported under.
    /// </summary>
    /// <remarks>
    /// Where no profile holds a found key with a confirmed record, a profile of the batch that sent
    /// a write carrying the key (a key in doubt, marked the moment it went, in
    /// <paramref name="batchStates"/>: the states as the batch found them) outranks one that only
    /// recorded a first write under it: that record is made before the calls, and a crash may have
    /// stopped its write from ever going.
    /// </remarks>
    private async Task<RecordOwners> OwnersAsync(IReadOnlyList<RemoteMatch> found, IReadOnlySet<string> batch, IReadOnlyDictionary<string, RemoteRecordState> batchStates, CancellationToken cancellationToken)
    {
        // The batch's profiles as the batch found them: what the store holds for them now carries
        // the doubts stored for the calls about to go (a first write recorded for this very batch
        // claims nothing yet).
        IEnumerable<RemoteRecordState> AsFound(IEnumerable<RemoteRecordState> rows) =>
            rows.Where(s => !batch.Contains(s.ProfileKey)).Concat(batchStates.Values);
        var ids = found.Select(m => m.RemoteId).ToHashSet(StringComparer.Ordinal);
        var keys = found.Select(m => m.ForeignKey).ToHashSet(ForeignKeys.Comparer);
        var byIds = AsFound(await _store.RemoteState.FindByRemoteIdsAsync(Name, ids, cancellationToken).ConfigureAwait(false))
            .Where(s => s.RemoteId is { } id && ids.Contains(id)).ToList();
        var byKeys = AsFound(await _store.RemoteState.FindByForeignKeysAsync(Name, keys, cancellationToken).ConfigureAwait(false))
            .Where(s => s.ForeignKey is { } key && keys.Contains(key)).ToList();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var state in byIds)
        {
            owners.TryAdd(state.RemoteId!, state.ProfileKey);
        }

        // Where several profiles claim a key without an id, a write the service confirmed outranks
        // a first write only recorded as going out (its answer lost, or never sent), and the
        // latest confirmed write the older ones: that is whose record the key now finds.
        var ownersByKey = new Dictionary<string, string>(ForeignKeys.Comparer);
        var confirmed = new HashSet<string>(ForeignKeys.Comparer);
        foreach (var claims in byKeys.Where(s => s.RemoteId is null && s.ForeignKey is not null).GroupBy(s => s.ForeignKey!, ForeignKeys.Comparer))
        {
            var owner = claims.OrderBy(s => ExportDoubts.IsFirstWrite(s)).ThenByDescending(s => s.ExportedAt).First();
            ownersByKey[claims.Key] = owner.ProfileKey;
            if (!ExportDoubts.IsFirstWrite(owner))
            {
                confirmed.Add(claims.Key);
            }
        }

        // (Where a record's id is its key's, a move in doubt leaves the id in doubt too: the record
        // under the key it was sent toward has an id no profile knows.)
        var idsFollowKeys = _destination.Capabilities.IdsFollowKeys;
        foreach (var sent in batchStates.Values.Where(s => s.RemoteId is null || idsFollowKeys).OrderBy(s => s.ExportedAt))
        {
            foreach (var key in ExportDoubts.KeysInDoubt(sent).Where(key => !confirmed.Contains(key)))
            {
                ownersByKey[key] = sent.ProfileKey;
            }
        }

        return new RecordOwners(owners, ownersByKey);
    }

    /// <summary>
    /// Once per exporter (so once after every start): conflict letters whose holder, as the buffer
    /// now says, no longer holds the key with the record the letter names go back to the outbox.
    /// A holder's key is freed by an outcome recorded in the same batch (see
    /// <see cref="RetryClearedConflictsAsync"/>), except when a crash lost that outcome: the
    /// holder's state then shows the doubt its calls left (a delete's dropped id, a move in doubt)
    /// and nothing else would ever retry the letter. The retried profile goes to the lookup, where
    /// what the service holds decides; a letter whose holder still holds the key is left alone.
    /// </summary>
    private async Task RetryStaleConflictsAsync(CancellationToken cancellationToken)
    {
        var conflicts = await _store.DeadLetters.ListAsync(new DeadLetterFilter(Name, " is held by "), int.MaxValue, cancellationToken).ConfigureAwait(false);
        var named = new List<(string Conflict, string Key, string? RemoteId, string Holder)>();
        foreach (var letter in conflicts)
        {
            if (HeldBy().Match(letter.Reason) is { Success: true } match && match.Groups["key"].Value.Length > 0
                && string.Equals(match.Groups["name"].Value, _destination.Config.ForeignKey, StringComparison.Ordinal))
            {
                named.Add((match.Value, match.Groups["key"].Value, match.Groups["id"].Success ? match.Groups["id"].Value : null, match.Groups["holder"].Value));
            }
        }

        if (named.Count == 0)
        {
            return;
        }

        var holders = await _store.RemoteState.GetAsync(Name, [.. named.Select(n => n.Holder).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
        foreach (var (conflict, key, remoteId, holder) in named.DistinctBy(n => n.Conflict, StringComparer.Ordinal))
        {
            if (holders.GetValueOrDefault(holder) is { ForeignKey: { } held } state && ForeignKeys.Comparer.Equals(held, key)
                && (remoteId is null || state.RemoteId == remoteId) && HoldsFirmly(state))
            {
                continue;
            }

            var retried = await _store.DeadLetters.RetryAsync(new DeadLetterFilter(Name, conflict), cancellationToken).ConfigureAwait(false);
            if (retried > 0)
            {
                LogConflictCleared(_logger, Name, key, retried);
            }
        }
    }

    /// <summary>A conflict letter's key and holder: <c>email b@ex.com is held by record 1002 of profile 2</c>, or <c>… by the record of profile 2</c>.</summary>
    [GeneratedRegex(@"(?<name>\S+) (?<key>\S+) is held by (?:record (?<id>\S+) of profile|the record of profile) (?<holder>[^;]+?)(?=;|$)", RegexOptions.CultureInvariant)]
    private static partial Regex HeldBy();

    /// <summary>Profiles rejected because a key was held, and that key is now free: back to the outbox.</summary>
    /// <remarks>
    /// Most batches free keys (every e-mail change does) and hold no conflict at all: one read of
    /// the destination's conflict letters decides which keys need a retry.
    /// </remarks>
    private async Task RetryClearedConflictsAsync(IReadOnlyCollection<string> freedKeys, CancellationToken cancellationToken)
    {
        if (freedKeys.Count == 0)
        {
            return;
        }

        var conflicts = await _store.DeadLetters.ListAsync(new DeadLetterFilter(Name, " is held by "), int.MaxValue, cancellationToken).ConfigureAwait(false);
        foreach (var key in freedKeys.Distinct(ForeignKeys.Comparer))
        {
            var reason = " " + KeyConflict(key);
            if (!conflicts.Any(letter => letter.Reason.Contains(reason, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var retried = await _store.DeadLetters.RetryAsync(new DeadLetterFilter(Name, reason), cancellationToken).ConfigureAwait(false);
            if (retried > 0)
            {
                LogConflictCleared(_logger, Name, key, retried);
            }
        }
    }
}
