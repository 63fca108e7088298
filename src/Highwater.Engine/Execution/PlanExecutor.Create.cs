using Highwater.Core.Connectors;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Engine.Execution;

public sealed partial class PlanExecutor
{
    /// <summary>
    /// A create, made safe against a lost answer: after an attempt whose answer was lost, the
    /// records' keys are looked up first; those found were created (their ids are taken), and only
    /// the rest are sent again.
    /// </summary>
    private async Task RunCreateAsync(PlannedCall call, BatchState state, IExportObserver? observer, CancellationToken cancellationToken)
    {
        var pending = call.Records;
        var answerLost = false;
        var canResolve = _connector.Capabilities.Lookup is not null;
        try
        {
            await InvokeAsync(
                async ct =>
                {
                    if (answerLost)
                    {
                        pending = await ResolveLostCreatesAsync(pending, state, observer, ct).ConfigureAwait(false);
                        answerLost = false;
                        if (pending.Count == 0)
                        {
                            return true;
                        }
                    }

                    var attempt = call with { Records = pending };
                    state.Sending(pending);
                    CallResult result;
                    try
                    {
                        result = await _connector.ExecuteAsync(attempt, ct).ConfigureAwait(false);
                    }
                    catch (ServiceCallException ex) when (ex.MayHaveApplied)
                    {
                        if (!canResolve)
                        {
                            // Without a lookup, a second create could duplicate: give up on these for now.
                            throw new ServiceCallException($"{ex.Message}; {_connector.Capabilities.Service} has no lookup to tell whether the records were created, so the create is not repeated", ServiceCallFailure.Permanent, ex.Code, ex);
                        }

                        answerLost = true;
                        throw;
                    }

                    await ApplyAsync(attempt, pending, result, state, observer, ct).ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceCallException ex) when (!ex.StopsDestination)
        {
            FailCall(call with { Records = pending }, state, "create", ex);
        }
    }

    private async Task<IReadOnlyList<PlannedRecord>> ResolveLostCreatesAsync(IReadOnlyList<PlannedRecord> pending, BatchState state, IExportObserver? observer, CancellationToken cancellationToken)
    {
        var max = _connector.Capabilities.Lookup!.Value.MaxKeys;
        var found = new Dictionary<string, string>(ForeignKeys.Comparer);
        foreach (var chunk in pending.Chunk(max))
        {
            var lookup = new PlannedCall(CallKind.Lookup, null, [.. chunk.Select(r => new PlannedRecord { ProfileKey = r.ProfileKey, ForeignKey = r.ForeignKey })]);
            foreach (var match in await _connector.LookupAsync(lookup, cancellationToken).ConfigureAwait(false))
            {
                found.TryAdd(match.ForeignKey, match.RemoteId);
            }
        }

        var rest = new List<PlannedRecord>(pending.Count);
        foreach (var record in pending)
        {
            if (record.ForeignKey is not null && found.TryGetValue(record.ForeignKey, out var id))
            {
                LogLostCreateResolved(_logger, record.ProfileKey, id);
                await RecordIdAsync(record.ProfileKey, id, state, observer, cancellationToken).ConfigureAwait(false);
                state.Written(record.ProfileKey);
                ConfirmInline(record, state);
            }
            else
            {
                rest.Add(record);
            }
        }

        return rest;
    }
}
