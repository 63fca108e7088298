using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Model;
using Highwater.Core.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace Highwater.Engine.Execution;

/// <summary>
/// Exports one batch to one destination: plans the lookup, runs it, plans the writes from its
/// answers, and runs them step by step through the connector (whose every request passes the rate
/// governor). A record the service rejects fails that record only; a call that fails as a whole
/// is retried with backoff, and waiting for quota never counts as a failed attempt. A create whose
/// answer was lost is never sent again before a lookup has said which of its records exist.
/// </summary>
public sealed partial class PlanExecutor
{
    private readonly Planner _planner;
    private readonly IServiceConnector _connector;
    private readonly IReadOnlyDictionary<string, string> _listsByGroup;
    private readonly List<string> _mappedLists;
    private readonly HashSet<string> _mapped;
    private readonly ExecutorOptions _options;
    private readonly ResiliencePipeline _retry;
    private readonly ILogger _logger;

    /// <summary>Builds an executor for one destination.</summary>
    /// <param name="planner">The destination's planner.</param>
    /// <param name="connector">The destination's connector.</param>
    /// <param name="listsByGroup">The group → remote list mapping the planner was built with.</param>
    /// <param name="options">Retry and parallelism settings.</param>
    /// <param name="timeProvider">The clock for backoff delays.</param>
    /// <param name="logger">Where failures are logged (never with secrets: outcomes carry none).</param>
    public PlanExecutor(Planner planner, IServiceConnector connector, IReadOnlyDictionary<string, string> listsByGroup, ExecutorOptions options, TimeProvider timeProvider, ILogger<PlanExecutor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(listsByGroup);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRateLimitedAttempts, 1);
        _planner = planner;
        _connector = connector;
        _listsByGroup = listsByGroup;
        _mappedLists = listsByGroup.Values.Distinct(StringComparer.Ordinal).ToList();
        _mapped = new HashSet<string>(_mappedLists, StringComparer.Ordinal);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _retry = options.MaxRetries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = timeProvider }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<ServiceCallException>(e => e.Failure is ServiceCallFailure.Transient or ServiceCallFailure.Unknown),
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryDelay,
                    OnRetry = args =>
                    {
                        LogRetry(_logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                        return ValueTask.CompletedTask;
                    },
                })
                .Build();
    }

    /// <summary>Exports one batch and says what happened to every profile in it.</summary>
    /// <param name="batch">The profiles, at most one per foreign key (a second is deferred).</param>
    /// <param name="observer">Told each new remote id the moment a create answers it; may be null.</param>
    /// <param name="cancellationToken">Stops between calls; a call in flight is abandoned, and its profiles stay to be exported again.</param>
    /// <param name="owners">Answers which profile owns each record the lookup found (the buffer's word); none known when null.</param>
    public async Task<BatchResult> ExportAsync(IReadOnlyList<ExportRequest> batch, IExportObserver? observer, CancellationToken cancellationToken, Func<IReadOnlyList<RemoteMatch>, CancellationToken, Task<RecordOwners>>? owners = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var phase = _planner.PlanLookup(batch);
        var state = new BatchState { Movers = phase.Movers };

        if (_mappedLists.Count > 0 && _connector.Capabilities.Membership.Style != MembershipStyle.None)
        {
            try
            {
                await InvokeAsync(ct => _connector.EnsureListsAsync(_mappedLists, _options.CreateMissingLists, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceCallException ex) when (!ex.StopsDestination)
            {
                return Abandoned(phase, "lists", ex, "the mapped lists could not be resolved");
            }
        }

        var answers = new List<RemoteMatch>();
        foreach (var call in phase.Step.Calls)
        {
            try
            {
                answers.AddRange(await InvokeAsync(ct => _connector.LookupAsync(call, ct), cancellationToken).ConfigureAwait(false));
            }
            catch (ServiceCallException ex) when (!ex.StopsDestination)
            {
                return Abandoned(phase, "lookup", ex, "the lookup failed, so nothing of the batch was written");
            }
        }

        var ownership = owners is null || answers.Count == 0
            ? RecordOwners.None
            : await owners(answers, cancellationToken).ConfigureAwait(false);
        var plan = _planner.PlanWrites(phase, answers, ownership);
        if (observer is not null && Located(phase, answers) is { Count: > 0 } located)
        {
            await observer.RecordsLocatedAsync(located, cancellationToken).ConfigureAwait(false);
        }

        if (observer is not null && Found(phase, plan) is { Count: > 0 } found)
        {
            await observer.RemoteIdsFoundAsync(found, cancellationToken).ConfigureAwait(false);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken };
        var requests = phase.Requests.ToDictionary(r => r.ProfileKey, StringComparer.Ordinal);
        foreach (var step in plan.Steps)
        {
            if (step.Kind == StepKind.Lookup)
            {
                continue;
            }

            if (observer is not null && KeyMoves(step, requests, state) is { Count: > 0 } moves)
            {
                await observer.KeyMovesSendingAsync(moves, cancellationToken).ConfigureAwait(false);
            }

            if (step.Kind == StepKind.Update && (_connector.Capabilities.UniqueForeignKeys || state.Movers is not null))
            {
                await RunKeyMovesInOrderAsync(step, state, observer, parallel).ConfigureAwait(false);
                continue;
            }

            await Parallel.ForEachAsync(step.Calls, parallel, (call, ct) => new ValueTask(RunCallAsync(call, state, observer, ct))).ConfigureAwait(false);
        }

        return new BatchResult { Plan = plan, Profiles = Results(phase, plan, answers, state, ownership), FailedCalls = state.FailedCalls };
    }

    /// <summary>
    /// Adopts the mapped lists where the lookup cannot answer memberships (see <see cref="ListAdoption"/>):
    /// resolves (or creates) them and reads their members, each call with the executor's retries.
    /// Answers the diff base of every record found in them, by foreign key; empty when not needed.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ExportedState>> AdoptListsAsync(CancellationToken cancellationToken)
    {
        if (_mappedLists.Count == 0 || !ListAdoption.IsNeeded(_connector))
        {
            return new Dictionary<string, ExportedState>();
        }

        await InvokeAsync(ct => _connector.EnsureListsAsync(_mappedLists, _options.CreateMissingLists, ct), cancellationToken).ConfigureAwait(false);
        return await ListAdoption.ReadAsync(_connector, _mappedLists, InvokeAsync, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunCallAsync(PlannedCall call, BatchState state, IExportObserver? observer, CancellationToken cancellationToken)
    {
        var kind = CallTag.KindName(call.Kind);
        var records = Prepare(call, state, kind, _connector.Capabilities.Membership.ByForeignKey);
        if (records.Count == 0)
        {
            return;
        }

        var prepared = call with { Records = records };
        if (call.Kind == CallKind.Create)
        {
            await RunCreateAsync(prepared, state, observer, cancellationToken).ConfigureAwait(false);
            return;
        }

        CallResult result;
        try
        {
            state.Sending(prepared.Records);
            result = await InvokeAsync(ct => _connector.ExecuteAsync(prepared, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceCallException ex) when (!ex.StopsDestination)
        {
            FailCall(prepared, state, kind, ex);
            return;
        }

        await ApplyAsync(prepared, prepared.Records, result, state, observer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fills in remote ids a create answered earlier; drops the records of profiles that failed already.</summary>
    /// <param name="call">The planned call.</param>
    /// <param name="state">The batch so far.</param>
    /// <param name="kind">The call's tally name.</param>
    /// <param name="membershipByKey">Whether membership calls address records by foreign key (Eloqua's sync actions), so need no id.</param>
    private static List<PlannedRecord> Prepare(PlannedCall call, BatchState state, string kind, bool membershipByKey)
    {
        var records = new List<PlannedRecord>(call.Records.Count);
        var byId = call.Kind is CallKind.Delete || (!membershipByKey && call.Kind is CallKind.ListAdd or CallKind.ListRemove or CallKind.ListUpdate);
        foreach (var record in call.Records)
        {
            if (state.HasFailed(record.ProfileKey))
            {
                continue;
            }

            var prepared = record;
            if (record.RemoteId is null && state.IdOf(record.ProfileKey) is { } id)
            {
                prepared = record with { RemoteId = id };
            }

            if (record.RemoteId is null && call.Kind != CallKind.Delete && state.Movers?.GetValueOrDefault(record.ProfileKey) is { } mover && state.HasFailed(mover))
            {
                // Its key is still held by the record of a profile whose move failed: writing by
                // key now would land on that record.
                state.Fail(record.ProfileKey, ProfileOutcome.RetryLater, kind, null, $"takes the foreign key profile {mover} leaves, and that profile's move failed; retried after it");
                continue;
            }

            if (byId && prepared.RemoteId is null)
            {
                state.Fail(record.ProfileKey, ProfileOutcome.RetryLater, kind, null, "no remote id is known for the record, so its memberships cannot change yet");
                continue;
            }

            records.Add(prepared);
        }

        return records;
    }

    private async Task ApplyAsync(PlannedCall call, IReadOnlyList<PlannedRecord> records, CallResult result, BatchState state, IExportObserver? observer, CancellationToken cancellationToken)
    {
        var kind = CallTag.KindName(call.Kind);
        if (result.Records.Count != records.Count)
        {
            // A connector that answers the wrong number of outcomes cannot be trusted with any of them.
            foreach (var record in records)
            {
                state.Fail(record.ProfileKey, ProfileOutcome.RetryLater, kind, null, $"the connector answered {result.Records.Count} outcomes for {records.Count} records");
            }

            state.CallFailed();
            return;
        }

        // The call's new ids reach the observer together, the moment the call has answered: one store write per call, not per record.
        var assigned = observer is null ? null : new IdCollector();
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var outcome = result.Records[i];
            if (!string.Equals(outcome.ProfileKey, record.ProfileKey, StringComparison.Ordinal))
            {
                state.Fail(record.ProfileKey, ProfileOutcome.RetryLater, kind, null, $"the connector answered for '{outcome.ProfileKey}' in this record's place");
                continue;
            }

            switch (outcome.Status)
            {
                case RecordStatus.Done:
                    await DoneAsync(call, record, outcome, state, assigned, cancellationToken).ConfigureAwait(false);
                    break;
                case RecordStatus.Rejected:
                    LogRejected(_logger, record.ProfileKey, kind, outcome.Code, outcome.Reason);
                    state.Fail(record.ProfileKey, ProfileOutcome.Rejected, kind, outcome.Code, outcome.Reason ?? "rejected by the service");
                    break;
                default:
                    state.Fail(record.ProfileKey, ProfileOutcome.RetryLater, kind, outcome.Code, outcome.Reason ?? "the service asked to try again later");
                    break;
            }
        }

        if (observer is not null && assigned!.Ids.Count > 0)
        {
            await observer.RemoteIdsAssignedAsync(assigned.Ids, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DoneAsync(PlannedCall call, PlannedRecord record, RecordOutcome outcome, BatchState state, IExportObserver? observer, CancellationToken cancellationToken)
    {
        switch (call.Kind)
        {
            case CallKind.Create or CallKind.Upsert or CallKind.Update:
                // An update answers the id the record has now: the same on most services, a new one where
                // the id is the key's (Mailchimp's subscriber hash): the stored id follows the service.
                if (outcome.RemoteId is { } id && (call.Kind != CallKind.Update || !string.Equals(record.RemoteId, id, StringComparison.Ordinal)))
                {
                    await RecordIdAsync(record.ProfileKey, id, state, observer, cancellationToken).ConfigureAwait(false);
                }

                state.Written(record.ProfileKey);
                if (outcome.Matched && call.Kind == CallKind.Upsert)
                {
                    state.Matched(record.ProfileKey);
                }

                ConfirmInline(record, state);
                break;
            case CallKind.ListAdd or CallKind.ListRemove or CallKind.ListUpdate:
                if (record.ListChanges is { Count: > 0 } changes)
                {
                    foreach (var change in changes)
                    {
                        state.Confirm(record.ProfileKey, change);
                    }
                }
                else if (call.List is { } list)
                {
                    state.Confirm(record.ProfileKey, new ListChange(list, call.Kind == CallKind.ListRemove ? MembershipDirection.Remove : MembershipDirection.Add));
                }

                break;
            default:
                break;
        }
    }

    private static void ConfirmInline(PlannedRecord record, BatchState state)
    {
        foreach (var change in record.ListChanges ?? [])
        {
            state.Confirm(record.ProfileKey, change);
        }
    }

    /// <summary>Collects the ids one call answered, to hand them on together.</summary>
    private sealed class IdCollector : IExportObserver
    {
        public List<KeyValuePair<string, string>> Ids { get; } = [];

        public ValueTask RemoteIdAssignedAsync(string profileKey, string remoteId, CancellationToken cancellationToken)
        {
            Ids.Add(new(profileKey, remoteId));
            return ValueTask.CompletedTask;
        }
    }

    private static async Task RecordIdAsync(string profileKey, string remoteId, BatchState state, IExportObserver? observer, CancellationToken cancellationToken)
    {
        state.AssignId(profileKey, remoteId);
        if (observer is not null)
        {
            await observer.RemoteIdAssignedAsync(profileKey, remoteId, cancellationToken).ConfigureAwait(false);
        }
    }

    private void FailCall(PlannedCall call, BatchState state, string kind, ServiceCallException ex)
    {
        LogCallFailed(_logger, kind, call.Records.Count, ex.Failure, ex.Message);
        state.CallFailed();
        var outcome = ex.Failure == ServiceCallFailure.Permanent ? ProfileOutcome.Rejected : ProfileOutcome.RetryLater;
        foreach (var record in call.Records)
        {
            state.Fail(record.ProfileKey, outcome, kind, ex.Code, $"the {kind} call failed: {ex.Message}");
        }
    }

    /// <summary>
    /// Runs one call: transient failures and lost answers are retried with backoff (Polly); a rate
    /// limit is not an attempt: the call simply goes again when the governor lets it.
    /// </summary>
    internal async Task<T> InvokeAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        var rateLimited = 0;
        while (true)
        {
            try
            {
                return await _retry.ExecuteAsync(static async (a, ct) => await a(ct).ConfigureAwait(false), action, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceCallException ex) when (ex.Failure == ServiceCallFailure.RateLimited && ++rateLimited < _options.MaxRateLimitedAttempts)
            {
                LogRateLimited(_logger, rateLimited, ex.Message);
            }
        }
    }

    /// <summary>The profiles whose known record the lookup found under another key than the stored one, or while a move of it was in doubt, with the key it carries.</summary>
    private static List<KeyValuePair<string, string>> Located(LookupPhase phase, List<RemoteMatch> answers)
    {
        var located = new List<KeyValuePair<string, string>>();
        if (answers.Count == 0)
        {
            return located;
        }

        var byId = new Dictionary<string, RemoteMatch>(StringComparer.Ordinal);
        foreach (var match in answers)
        {
            byId.TryAdd(match.RemoteId, match);
        }

        foreach (var request in phase.Requests)
        {
            if (request.LastExported is { RemoteId: { } id } last && byId.TryGetValue(id, out var match)
                && (!ForeignKeys.Comparer.Equals(match.ForeignKey, request.PreviousForeignKey ?? request.ForeignKey) || last.KeysInDoubt.Count > 0))
            {
                located.Add(new(request.ProfileKey, match.ForeignKey));
            }
        }

        return located;
    }

    /// <summary>The profiles whose writes in <paramref name="step"/> carry a key other than the one their record was last confirmed under, with that key.</summary>
    private static List<KeyValuePair<string, string>> KeyMoves(PlanStep step, Dictionary<string, ExportRequest> requests, BatchState state)
    {
        var moves = new List<KeyValuePair<string, string>>();
        foreach (var call in step.Calls)
        {
            if (call.Kind is not (CallKind.Create or CallKind.Upsert or CallKind.Update))
            {
                continue;
            }

            foreach (var record in call.Records)
            {
                if (record.ForeignKey is { } key && requests.TryGetValue(record.ProfileKey, out var request) && request.KeyChanged
                    && ForeignKeys.Comparer.Equals(key, request.ForeignKey) && !state.HasFailed(record.ProfileKey))
                {
                    moves.Add(new(record.ProfileKey, key));
                }
            }
        }

        return moves;
    }

    /// <summary>The ids the plan addresses records by that their profiles did not know before the lookup.</summary>
    private static List<KeyValuePair<string, string>> Found(LookupPhase phase, Plan plan)
    {
        var known = phase.Requests.ToDictionary(r => r.ProfileKey, r => r.LastExported?.RemoteId, StringComparer.Ordinal);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in plan.Steps)
        {
            if (step.Kind is StepKind.Lookup or StepKind.Delete)
            {
                continue;
            }

            foreach (var record in step.Calls.SelectMany(c => c.Records))
            {
                if (record.RemoteId is { } id && known.TryGetValue(record.ProfileKey, out var before) && before != id)
                {
                    found.TryAdd(record.ProfileKey, id);
                }
            }
        }

        return [.. found];
    }
}
