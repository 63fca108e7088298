using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Engine.Execution;

public sealed partial class PlanExecutor
{
    private BatchResult Abandoned(LookupPhase phase, string step, ServiceCallException ex, string what)
    {
        var outcome = ex.Failure == ServiceCallFailure.Permanent ? ProfileOutcome.Rejected : ProfileOutcome.RetryLater;
        LogCallFailed(_logger, step, phase.Requests.Count, ex.Failure, ex.Message);
        var profiles = phase.Requests
            .Select(r => new ProfileResult { ProfileKey = r.ProfileKey, Outcome = outcome, Exported = r.LastExported, FailedStep = step, Code = ex.Code, Reason = $"{what}: {ex.Message}", Unsent = true })
            .Concat(phase.Deferred.Select(Deferred))
            .ToList();
        var plan = new Plan { Steps = [phase.Step], Dispositions = new Dictionary<string, Disposition>(), Deferred = phase.Deferred, Notes = phase.Notes, Counts = new() };
        return new BatchResult { Plan = plan, Profiles = profiles, FailedCalls = 1 };
    }

    private static ProfileResult Deferred(ExportRequest request) => new()
    {
        ProfileKey = request.ProfileKey,
        Outcome = ProfileOutcome.Deferred,
        Exported = request.LastExported,
        Reason = "another profile in the batch has the same foreign key; exported in a later batch",
        Unsent = true,
    };

    private List<ProfileResult> Results(LookupPhase phase, Plan plan, List<RemoteMatch> answers, BatchState state, RecordOwners ownership)
    {
        // Whose each record is, as far as the batch knows: the ids its profiles were exported with.
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var request in phase.Requests)
        {
            if (request.LastExported?.RemoteId is { } id)
            {
                known.TryAdd(id, request.ProfileKey);
            }
        }

        var found = new Dictionary<string, RemoteMatch>(ForeignKeys.Comparer);
        foreach (var match in answers)
        {
            found.TryAdd(match.ForeignKey, match);
        }

        var idsInPlan = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in plan.Steps)
        {
            if (step.Kind is StepKind.Lookup or StepKind.Delete)
            {
                continue;
            }

            foreach (var call in step.Calls)
            {
                foreach (var record in call.Records)
                {
                    if (record.RemoteId is { } id)
                    {
                        idsInPlan.TryAdd(record.ProfileKey, id);
                    }
                }
            }
        }

        var notes = plan.Notes.GroupBy(n => n.ProfileKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(n => n.Message)), StringComparer.Ordinal);
        var results = new List<ProfileResult>(phase.Requests.Count + phase.Deferred.Count);
        foreach (var request in phase.Requests)
        {
            // A record found under the profile's key that another profile owns (a mover's, found
            // before it moved away) is not what this profile wrote.
            var answered = found.GetValueOrDefault(request.ForeignKey);
            if (answered is not null && (known.GetValueOrDefault(answered.RemoteId) ?? ownership.OwnerOf(answered)) is { } owner && owner != request.ProfileKey)
            {
                answered = null;
            }

            results.Add(Result(request, plan.Dispositions[request.ProfileKey], answered, idsInPlan, notes.GetValueOrDefault(request.ProfileKey), state));
        }

        results.AddRange(phase.Deferred.Select(Deferred));
        return results;
    }

    // answered: the record found under the key the profile was written by, unless another
    // profile owns it: the one written. One found under its old key is its own only where the plan
    // addressed it (by id: idsInPlan), and may be another profile's (a conflict's holder).
    private ProfileResult Result(ExportRequest request, Disposition disposition, RemoteMatch? answered, Dictionary<string, string> idsInPlan, string? note, BatchState state)
    {
        var key = request.ProfileKey;
        var last = request.LastExported;
        var remoteId = state.IdOf(key) ?? idsInPlan.GetValueOrDefault(key) ?? answered?.RemoteId ?? last?.RemoteId;
        var baseLists = answered?.Lists is { } lists ? MappedOf(lists) : (IEnumerable<string>?)last?.Lists ?? [];

        if (state.FailureOf(key) is { } failure)
        {
            // Failed before its write landed, the record found under its key may be another's
            // (a holder it waited on to move): only what the plan or a call gave it is its own.
            if (!state.WasWritten(key))
            {
                remoteId = state.IdOf(key) ?? idsInPlan.GetValueOrDefault(key) ?? last?.RemoteId;
                baseLists = last?.Lists ?? (IEnumerable<string>)[];
            }

            var partial = new ExportedState
            {
                RemoteId = remoteId,
                Fields = state.WasWritten(key) ? request.Fields : last?.Fields ?? FieldValues.Empty,
                Lists = state.ConfirmedLists(key, baseLists),
            };
            return failure with { Exported = partial, Written = state.WasWritten(key), Unsent = !state.WasSent(key) };
        }

        switch (disposition)
        {
            case Disposition.Deleted or Disposition.AlreadyAbsent:
                return new ProfileResult { ProfileKey = key, Outcome = ProfileOutcome.Deleted, Exported = null, Reason = note };
            case Disposition.Conflict:
                return new ProfileResult { ProfileKey = key, Outcome = ProfileOutcome.Rejected, Exported = last, Reason = note, Unsent = !state.WasSent(key) };
            case Disposition.Deferred:
                return new ProfileResult { ProfileKey = key, Outcome = ProfileOutcome.Deferred, Exported = last, Reason = note, Unsent = !state.WasSent(key) };
            case Disposition.NotCreated:
                return new ProfileResult { ProfileKey = key, Outcome = ProfileOutcome.Skipped, Exported = last, Reason = note };
            case Disposition.RemovedFromLists:
                return new ProfileResult
                {
                    ProfileKey = key,
                    Outcome = ProfileOutcome.Skipped,
                    Exported = new ExportedState { RemoteId = remoteId, Fields = last?.Fields ?? FieldValues.Empty, Lists = state.ConfirmedLists(key, baseLists) },
                    Reason = note,
                };
            case Disposition.Unchanged when request.Delete:
                return new ProfileResult { ProfileKey = key, Outcome = ProfileOutcome.Skipped, Exported = last, Reason = note };
            default:
                return new ProfileResult
                {
                    ProfileKey = key,
                    Outcome = ProfileOutcome.Exported,
                    Exported = new ExportedState { RemoteId = remoteId, Fields = request.Fields, Lists = Desired(request) },
                    Reason = note,
                    MembershipsUnknown = last is null && !request.ListsObserved && answered?.Lists is null && state.WasMatched(key),
                };
        }
    }

    private HashSet<string> Desired(ExportRequest request)
    {
        var lists = new HashSet<string>(StringComparer.Ordinal);
        if (_connector.Capabilities.Membership.Style == MembershipStyle.None)
        {
            return lists;
        }

        foreach (var group in request.Groups)
        {
            if (_listsByGroup.TryGetValue(group, out var list))
            {
                lists.Add(list);
            }
        }

        return lists;
    }

    private IEnumerable<string> MappedOf(IEnumerable<string> lists) => lists.Where(_mapped.Contains);
}
