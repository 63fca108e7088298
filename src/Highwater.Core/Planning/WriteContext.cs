using Highwater.Core.Model;

namespace Highwater.Core.Planning;

/// <summary>Phase two's view of a batch: what the lookup found, who owns it, and who moves where.</summary>
internal sealed class WriteContext(Dictionary<string, List<RemoteMatch>> found, RecordOwners owners, LookupPhase phase)
{
    private Dictionary<string, ExportRequest>? _batch;
    private Dictionary<string, string>? _exportedIds;

    /// <summary>
    /// The record found under <paramref name="key"/> that matters to <paramref name="request"/>,
    /// with its owner: its own if one is there, else one no profile owns, else another's.
    /// </summary>
    public (RemoteMatch Match, string? Owner)? Find(string key, ExportRequest request, List<PlanNote> notes)
    {
        if (!found.TryGetValue(key, out var matches) || matches.Count == 0)
        {
            return null;
        }

        if (matches.Count == 1)
        {
            return (matches[0], OwnerOf(matches[0], request));
        }

        (RemoteMatch Match, string? Owner)? unowned = null, other = null;
        foreach (var match in matches)
        {
            var owner = OwnerOf(match, request);
            if (owner == request.ProfileKey)
            {
                return (match, owner);
            }

            if (owner is null)
            {
                unowned ??= (match, null);
            }
            else
            {
                other ??= (match, owner);
            }
        }

        var chosen = unowned ?? other;
        notes.Add(new PlanNote(request.ProfileKey, $"{matches.Count} records share the foreign key '{key}'; considering {chosen!.Value.Match.RemoteId}"));
        return chosen;
    }

    /// <summary>
    /// The profile owning the record: the request's own when it is the id last exported, else the
    /// batch's profile exported with that id, else as the buffer says. The batch's requests speak
    /// first: what the buffer holds for them now is marked in doubt for the calls about to go (a
    /// profile being deleted has its id dropped), while each request still knows the record it
    /// was exported with.
    /// </summary>
    public string? OwnerOf(RemoteMatch match, ExportRequest request)
    {
        if (request.LastExported?.RemoteId == match.RemoteId)
        {
            return request.ProfileKey;
        }

        if (_exportedIds is null)
        {
            _exportedIds = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var other in phase.Requests)
            {
                if (other.LastExported?.RemoteId is { } id)
                {
                    _exportedIds.TryAdd(id, other.ProfileKey);
                }
            }
        }

        return _exportedIds.TryGetValue(match.RemoteId, out var exporter) ? exporter : owners.OwnerOf(match);
    }

    /// <summary>Whether <paramref name="profile"/> is in this batch and leaves <paramref name="key"/>: it moves to another key, or is deleted.</summary>
    public bool Leaves(string profile, string key)
    {
        _batch ??= phase.Requests.ToDictionary(r => r.ProfileKey, StringComparer.Ordinal);
        if (!_batch.TryGetValue(profile, out var other))
        {
            return false;
        }

        return other.Delete || !ForeignKeys.Comparer.Equals(other.ForeignKey, key);
    }
}
