using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;

namespace Highwater.Connectors.Eloqua;

/// <summary>How a Bulk API sync ended: its status, its logs, and its rejects (read only after a warning or an error).</summary>
/// <param name="Uri">The sync's uri (<c>/syncs/1042</c>).</param>
/// <param name="Status"><c>success</c>, <c>warning</c> or <c>error</c>.</param>
/// <param name="Logs">The log items.</param>
/// <param name="Rejects">The rejected rows.</param>
/// <param name="Synced">The positions in the call of the rows the sync holds, in its order (a reject's <c>recordIndex</c> counts them from 1).</param>
/// <param name="Unsent">The rows refused before they were uploaded (too large alone), by their position in the call.</param>
internal sealed record SyncReport(string Uri, string Status, IReadOnlyList<JsonObject> Logs, IReadOnlyList<JsonObject> Rejects, IReadOnlyList<int> Synced, IReadOnlyDictionary<int, InputRefusal> Unsent);
