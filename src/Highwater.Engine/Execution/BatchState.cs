using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Engine.Execution;

/// <summary>What is known about each profile while a batch runs. Thread-safe: calls of a step run in parallel.</summary>
internal sealed class BatchState
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProfileResult> _failures = new(StringComparer.Ordinal);
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly HashSet<string> _matched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ListChange>> _confirmed = new(StringComparer.Ordinal);

    public int FailedCalls { get; private set; }

    /// <summary>Profiles taking a key another profile of the batch leaves, by that profile (the plan's movers).</summary>
    public IReadOnlyDictionary<string, string>? Movers { get; init; }

    public string? IdOf(string profileKey)
    {
        lock (_lock)
        {
            return _ids.GetValueOrDefault(profileKey);
        }
    }

    public void AssignId(string profileKey, string remoteId)
    {
        lock (_lock)
        {
            _ids[profileKey] = remoteId;
        }
    }

    /// <summary>An upsert of the profile found a record already under its key (see <see cref="Core.Connectors.RecordOutcome.Matched"/>).</summary>
    public void Matched(string profileKey)
    {
        lock (_lock)
        {
            _matched.Add(profileKey);
        }
    }

    public bool WasMatched(string profileKey)
    {
        lock (_lock)
        {
            return _matched.Contains(profileKey);
        }
    }

    public bool HasFailed(string profileKey)
    {
        lock (_lock)
        {
            return _failures.ContainsKey(profileKey);
        }
    }

    public ProfileResult? FailureOf(string profileKey)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(profileKey);
        }
    }

    /// <summary>Records the first failure of a profile; later ones add nothing (the first names the cause).</summary>
    public void Fail(string profileKey, ProfileOutcome outcome, string step, string? code, string reason)
    {
        lock (_lock)
        {
            _failures.TryAdd(profileKey, new ProfileResult { ProfileKey = profileKey, Outcome = outcome, FailedStep = step, Code = code, Reason = reason });
        }
    }

    public void CallFailed()
    {
        lock (_lock)
        {
            FailedCalls++;
        }
    }

    private readonly HashSet<string> _sent = new(StringComparer.Ordinal);

    /// <summary>A call carrying the profile's records (a write, a delete, a membership change) is about to go: from now on it may have changed something remotely.</summary>
    public void Sending(IEnumerable<PlannedRecord> records)
    {
        lock (_lock)
        {
            foreach (var record in records)
            {
                _sent.Add(record.ProfileKey);
            }
        }
    }

    /// <summary>Whether any call carrying the profile went (or may have gone) to the service in this batch.</summary>
    public bool WasSent(string profileKey)
    {
        lock (_lock)
        {
            return _sent.Contains(profileKey);
        }
    }

    public void Written(string profileKey)
    {
        lock (_lock)
        {
            _written.Add(profileKey);
        }
    }

    public void Unwritten(string profileKey)
    {
        lock (_lock)
        {
            _written.Remove(profileKey);
        }
    }

    public bool WasWritten(string profileKey)
    {
        lock (_lock)
        {
            return _written.Contains(profileKey);
        }
    }

    public void Confirm(string profileKey, ListChange change)
    {
        lock (_lock)
        {
            if (!_confirmed.TryGetValue(profileKey, out var changes))
            {
                _confirmed[profileKey] = changes = [];
            }

            changes.Add(change);
        }
    }

    /// <summary>The lists a profile is confirmed in: the base, with the confirmed changes applied in order.</summary>
    public IReadOnlySet<string> ConfirmedLists(string profileKey, IEnumerable<string> baseLists)
    {
        var lists = new HashSet<string>(baseLists, StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var change in _confirmed.GetValueOrDefault(profileKey) ?? [])
            {
                if (change.Direction == MembershipDirection.Add)
                {
                    lists.Add(change.List);
                }
                else
                {
                    lists.Remove(change.List);
                }
            }
        }

        return lists;
    }

    public static ExportedState Unchanged(ExportRequest request) => request.LastExported ?? new ExportedState();
}
