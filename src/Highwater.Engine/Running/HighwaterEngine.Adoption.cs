using Highwater.Core.Connectors;
using Highwater.Core.Model;
using Highwater.Core.Scheduling;
using Highwater.Engine.Execution;
using Highwater.Storage.RemoteState;
using Microsoft.Extensions.Logging;

namespace Highwater.Engine.Running;

public sealed partial class HighwaterEngine
{
    /// <summary>
    /// Where the lookup cannot answer memberships and the mapped lists were never adopted (or
    /// the mapping changed): reads their members once, paged, and records each known profile
    /// found in them as a remote record with those lists, so the first diff is exact. When the
    /// day's quota is spent, the report says so (<see cref="BatchReport.QuotaWait"/>) and nothing
    /// may be exported until a later call adopts them.
    /// </summary>
    public async Task<BatchReport> AdoptListsAsync(DestinationRuntime destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var empty = new BatchReport { Destination = destination.Name };
        if (!NeedsAdoption(destination) || (await Store.Destinations.GetAsync(destination.Name, cancellationToken).ConfigureAwait(false))?.AdoptedLists == destination.ListsKey)
        {
            return empty;
        }

        var data = destination.Gate.Tally.Data;
        var metadata = destination.Gate.Tally.MetadataCalls;
        IReadOnlyDictionary<string, ExportedState> adopted;
        try
        {
            adopted = await destination.Executor.AdoptListsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceCallException ex) when (ex.Failure == ServiceCallFailure.QuotaSpent)
        {
            // No export may go before the lists are adopted: the pass is held for the quota, as a batch would be.
            return empty with
            {
                HeldBy = ScheduleRule.Governor,
                HeldUntil = ex.RetryAt,
                HeldReason = ex.Message,
                QuotaWait = QuotaWait.Of(destination.Governor.Policy, ex),
                Calls = destination.Gate.Tally.DataSince(data),
                MetadataCalls = destination.Gate.Tally.MetadataCalls - metadata,
            };
        }

        var byKey = new Dictionary<string, ExportedState>(adopted, ForeignKeys.Comparer);
        var found = 0;
        if (byKey.Count > 0)
        {
            string? after = null;
            var now = Time.GetUtcNow();
            while (true)
            {
                var page = await Store.Profiles.ListAsync(after, 1_000, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                after = page[^1].Key;
                var candidates = page
                    .Select(p => (Profile: p, Key: p.Properties.GetValueOrDefault(destination.Config.ForeignKey)?.Trim()))
                    .Where(x => x.Key is { Length: > 0 } && byKey.ContainsKey(x.Key))
                    .ToList();
                if (candidates.Count == 0)
                {
                    continue;
                }

                var known = await Store.RemoteState.GetAsync(destination.Name, [.. candidates.Select(c => c.Profile.Key)], cancellationToken).ConfigureAwait(false);
                var states = candidates
                    .Where(c => !known.ContainsKey(c.Profile.Key))
                    .Select(c => new RemoteRecordState(destination.Name, c.Profile.Key, byKey[c.Key!].RemoteId, c.Key, new Dictionary<string, string?>(), byKey[c.Key!].Lists, now))
                    .ToList();
                await Store.RemoteState.UpsertAsync(states, cancellationToken).ConfigureAwait(false);
                found += states.Count;
            }
        }

        await Store.Destinations.SetAdoptedAsync(destination.Name, destination.ListsKey, cancellationToken).ConfigureAwait(false);
        LogAdopted(_logger, destination.Name, byKey.Count, found);
        return empty with { Calls = destination.Gate.Tally.DataSince(data), MetadataCalls = destination.Gate.Tally.MetadataCalls - metadata };
    }

    /// <summary>Whether the destination's mapped lists still have to be adopted before its first export.</summary>
    public static bool NeedsAdoption(DestinationRuntime destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return destination.Config.Lists.Count > 0 && ListAdoption.IsNeeded(destination.Connector);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Destination}: adopted the mapped lists: {Members} members read, {Known} of them known profiles")]
    private static partial void LogAdopted(ILogger logger, string destination, int members, int known);
}
