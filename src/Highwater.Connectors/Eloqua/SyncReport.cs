using System.Text.Json.Nodes;

namespace Highwater.Connectors.Eloqua;

/// <summary>How a Bulk API sync ended: its status, its logs, and its rejects (read only after a warning or an error).</summary>
/// <param name="Uri">The sync's uri (<c>/syncs/1042</c>).</param>
/// <param name="Status"><c>success</c>, <c>warning</c> or <c>error</c>.</param>
/// <param name="Logs">The log items.</param>
/// <param name="Rejects">The rejected rows.</param>
internal sealed record SyncReport(string Uri, string Status, IReadOnlyList<JsonObject> Logs, IReadOnlyList<JsonObject> Rejects);
