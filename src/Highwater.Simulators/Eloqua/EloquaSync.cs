using System.Text.Json.Nodes;

namespace Highwater.Simulators.Eloqua;

/// <summary>One sync of a definition's staged rows: its progress, then its logs and rejects.</summary>
internal sealed class EloquaSync
{
    public required string Id { get; init; }

    public string Uri => "/syncs/" + Id;

    public required EloquaDefinition Definition { get; init; }

    public required List<JsonObject> Rows { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Polls still to answer pending or active before the sync completes.</summary>
    public required int PollsBeforeDone { get; init; }

    public int Polls { get; set; }

    public required bool Fails { get; init; }

    public string Status { get; set; } = "pending";

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public List<JsonObject> Logs { get; } = [];

    public List<JsonObject> Rejects { get; } = [];

    /// <summary>An export's rows, once done.</summary>
    public List<JsonObject> Data { get; } = [];

    public bool Done => Status is "success" or "warning" or "error";
}
