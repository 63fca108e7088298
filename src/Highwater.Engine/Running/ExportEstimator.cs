using Highwater.Core.Model;
using Highwater.Core.Planning;
using Highwater.Storage;
using Highwater.Storage.Ingest;
using Highwater.Storage.Outbox;

namespace Highwater.Engine.Running;

/// <summary>
/// The cost of exports before they run: the planner's plan of a batch with Highwater's remote state
/// as the lookup's answers (whoever was exported exists, nobody else). The exporter admits each
/// batch at this cost; <c>plan</c> adds it up over everything waiting.
/// </summary>
public static class ExportEstimator
{
    /// <summary>Plans <paramref name="batch"/> as if the remote state were right about who exists: no call is made.</summary>
    public static Plan Plan(Planner planner, IReadOnlyList<ExportRequest> batch)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(batch);
        var known = new Dictionary<string, RemoteMatch>(ForeignKeys.Comparer);
        foreach (var request in batch)
        {
            if (request.LastExported?.RemoteId is { } id)
            {
                var key = request.PreviousForeignKey ?? request.ForeignKey;
                known.TryAdd(key, new RemoteMatch(key, id, request.LastExported.Lists));
            }
        }

        return planner.Plan(batch, keys => keys.Select(key => known.GetValueOrDefault(key)).OfType<RemoteMatch>());
    }

    /// <summary>
    /// Estimates exporting every row waiting for <paramref name="destination"/>, live lane first,
    /// in the batches an export would claim (oldest change first, <paramref name="batchRows"/> at a
    /// time, as <see cref="HighwaterEngine.BatchRows"/> says; a request the planner holds back joins
    /// the next batch). Reads the outbox, the profiles and the remote state; claims, writes and calls nothing.
    /// </summary>
    public static async Task<ExportEstimate> EstimateWaitingAsync(IBufferStore store, DestinationRuntime destination, int batchRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchRows);
        var tally = new Tally();
        var rows = new long[2];

        // Where the mapped lists are adopted before the first export, the rows waiting now will
        // have been observed by then (an adoption still to come counts as coming first).
        DateTimeOffset? listsAdoptedAt = null;
        if (HighwaterEngine.NeedsAdoption(destination))
        {
            var adopted = await store.Destinations.GetAsync(destination.Name, cancellationToken).ConfigureAwait(false);
            listsAdoptedAt = adopted?.AdoptedLists == destination.ListsKey ? adopted.AdoptedAt : DateTimeOffset.MaxValue;
        }

        foreach (var lane in (OutboxLane[])[OutboxLane.Live, OutboxLane.Backfill])
        {
            List<ExportRequest> carried = [];
            OutboxItem? after = null;
            while (true)
            {
                var page = await store.Outbox.PeekAsync(destination.Name, lane, after, Math.Max(1, batchRows - carried.Count), cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                after = page[^1];
                rows[lane == OutboxLane.Live ? 0 : 1] += page.Count;
                var keys = page.Select(item => item.ProfileKey).ToList();
                var profiles = await store.Profiles.GetAsync(keys, cancellationToken).ConfigureAwait(false);
                var states = await store.RemoteState.GetAsync(destination.Name, keys, cancellationToken).ConfigureAwait(false);
                var built = RequestBuilder.Build(destination.Config, destination.Fields, page, profiles, states, listsAdoptedAt);
                tally.Invalid += built.Invalid.Count;
                tally.Gone += built.Gone.Count;
                carried = tally.Add(Plan(destination.Planner, [.. carried, .. built.Requests.Select(x => x.Request)]));
            }

            // What was held back from the last batch goes in one of its own.
            while (carried.Count > 0)
            {
                var before = carried.Count;
                carried = tally.Add(Plan(destination.Planner, carried));
                if (carried.Count >= before)
                {
                    break;
                }
            }
        }

        return new ExportEstimate
        {
            Destination = destination.Name,
            LiveRows = rows[0],
            BackfillRows = rows[1],
            Batches = tally.Batches,
            Invalid = tally.Invalid,
            Gone = tally.Gone,
            Profiles = tally.Profiles,
            Calls = tally.Calls,
            Requests = tally.Requests,
            OneCallPerUserByKind = tally.OneCallPerUser,
            Paths = tally.Paths,
        };
    }

    private sealed class Tally
    {
        public int Batches { get; private set; }

        public long Invalid { get; set; }

        public long Gone { get; set; }


        public SortedDictionary<Disposition, long> Profiles { get; } = [];

        public SortedDictionary<string, long> Calls { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, long> Requests { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, long> OneCallPerUser { get; } = new(StringComparer.Ordinal);

        public List<string> Paths { get; } = [];

        /// <summary>Counts a batch's plan; answers the requests it held back for the next batch.</summary>
        public List<ExportRequest> Add(Plan plan)
        {
            if (plan.Dispositions.Count == 0)
            {
                return [];
            }

            Batches++;
            if (plan.PathChoice is { } choice)
            {
                Paths.Add(choice.Reason);
            }

            foreach (var disposition in plan.Dispositions.Values.Where(d => d != Disposition.Deferred))
            {
                Profiles[disposition] = Profiles.GetValueOrDefault(disposition) + 1;
            }

            foreach (var call in plan.Steps.SelectMany(step => step.Calls))
            {
                var kind = Core.Connectors.CallTag.KindName(call.Kind);
                Calls[kind] = Calls.GetValueOrDefault(kind) + 1;
                Requests[kind] = Requests.GetValueOrDefault(kind) + call.Requests;
                OneCallPerUser[kind] = OneCallPerUser.GetValueOrDefault(kind) + call.Records.Count;
            }

            return [.. plan.Deferred];
        }
    }
}
