using System.Collections.Concurrent;
using Highwater.Core.Model;
using Highwater.Engine.Execution;
using Highwater.Storage.RemoteState;

namespace Highwater.Engine.Running;

internal sealed partial class DestinationExporter
{
    /// <summary>
    /// Stores each remote id the moment a create answers it; for a profile never exported, with
    /// the lists its membership calls are about to add in doubt.
    /// </summary>
    private sealed class RemoteIdRecorder(IRemoteStateStore store, string destination, IReadOnlyList<ExportRequest> requests, Func<ExportRequest, IReadOnlySet<string>> desiredLists, TimeProvider time) : IExportObserver
    {
        private readonly Dictionary<string, ExportRequest> _requests = requests.ToDictionary(r => r.ProfileKey, StringComparer.Ordinal);

        /// <summary>The states stored for records created in this batch (calls run in parallel).</summary>
        public ConcurrentDictionary<string, RemoteRecordState> Created { get; } = new(StringComparer.Ordinal);

        public ValueTask RemoteIdAssignedAsync(string profileKey, string remoteId, CancellationToken cancellationToken) =>
            RemoteIdsAssignedAsync([new(profileKey, remoteId)], cancellationToken);

        // The record keeps the key it has until its write is confirmed: the stored key stays.
        public async ValueTask RemoteIdsFoundAsync(IReadOnlyList<KeyValuePair<string, string>> ids, CancellationToken cancellationToken)
        {
            var found = ids
                .Select(id => (Id: id, Request: _requests.GetValueOrDefault(id.Key)))
                .Where(x => x.Request is not null)
                .Select(x => new RemoteIdAssignment(x.Id.Key, x.Id.Value, x.Request!.PreviousForeignKey ?? x.Request.ForeignKey))
                .ToList();
            if (found.Count > 0)
            {
                await store.SetRemoteIdsAsync(destination, found, CancellationToken.None).ConfigureAwait(false);
            }
        }

        /// <summary>The key the lookup found each profile's known record under, where that settled where it is.</summary>
        public Dictionary<string, string> Located { get; } = new(StringComparer.Ordinal);

        // Not cancellable: the writes go next, and the stored key must say where the record is.
        public ValueTask RecordsLocatedAsync(IReadOnlyList<KeyValuePair<string, string>> located, CancellationToken cancellationToken) =>
            RewriteAsync(located, Located, ExportDoubts.Located);

        /// <summary>The key each profile's record was being moved to when a write carrying it went (calls run in parallel).</summary>
        public ConcurrentDictionary<string, string> KeysSent { get; } = new(StringComparer.Ordinal);

        // Not cancellable: the write goes next, and a crash must find the mark.
        public ValueTask KeyMovesSendingAsync(IReadOnlyList<KeyValuePair<string, string>> moves, CancellationToken cancellationToken) =>
            RewriteAsync(moves, KeysSent, ExportDoubts.WithKeyInDoubt);

        /// <summary>Remembers each profile's key in <paramref name="seen"/> and stores its state as <paramref name="rewrite"/> makes it, in one read and one write.</summary>
        private async ValueTask RewriteAsync(IReadOnlyList<KeyValuePair<string, string>> keys, IDictionary<string, string> seen, Func<RemoteRecordState, string, RemoteRecordState> rewrite)
        {
            var states = await store.GetAsync(destination, [.. keys.Select(m => m.Key)], CancellationToken.None).ConfigureAwait(false);
            var rewritten = new List<RemoteRecordState>();
            foreach (var (profileKey, key) in keys)
            {
                seen[profileKey] = key;
                if (states.GetValueOrDefault(profileKey) is { } state)
                {
                    rewritten.Add(rewrite(state, key));
                }
            }

            if (rewritten.Count > 0)
            {
                await store.UpsertAsync(rewritten, CancellationToken.None).ConfigureAwait(false);
            }
        }

        // Not cancellable: an id the service answered must be kept even when stopping.
        public async ValueTask RemoteIdsAssignedAsync(IReadOnlyList<KeyValuePair<string, string>> ids, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            var created = new List<RemoteRecordState>();
            var known = new List<RemoteIdAssignment>();
            foreach (var (profileKey, remoteId) in ids)
            {
                var request = _requests.GetValueOrDefault(profileKey);
                if (request is { LastExported: null })
                {
                    created.Add(ExportDoubts.Created(destination, profileKey, remoteId, request.ForeignKey, desiredLists(request), now));
                }
                else
                {
                    known.Add(new RemoteIdAssignment(profileKey, remoteId, request?.ForeignKey ?? ""));
                }
            }

            if (created.Count > 0)
            {
                await store.UpsertAsync(created, CancellationToken.None).ConfigureAwait(false);
                foreach (var state in created)
                {
                    Created[state.ProfileKey] = state;
                }
            }

            if (known.Count > 0)
            {
                await store.SetRemoteIdsAsync(destination, known, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
