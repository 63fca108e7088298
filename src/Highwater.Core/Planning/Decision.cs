using Highwater.Core.Model;

namespace Highwater.Core.Planning;

/// <summary>
/// What the planner decided for one request, before the calls are packed. A struct: a batch's
/// decisions live in one array and are filled in place.
/// </summary>
internal struct Decision(ExportRequest request)
{
    public ExportRequest Request { get; } = request;

    public Disposition Disposition { get; set; } = Disposition.Unchanged;

    public WriteRoute Route { get; set; }

    /// <summary>The remote record's id when known now; null when a create or upsert will answer it.</summary>
    public string? RemoteId { get; set; }

    /// <summary>The foreign key the record has remotely now (for updates addressed by key).</summary>
    public string? MatchForeignKey { get; set; }

    /// <summary>The foreign key to write on the record; null means the request's own.</summary>
    public string? WriteKey { get; set; }

    /// <summary>The fields that differ from the base; all fields when the base is unknown.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; set; } = FieldValues.Empty;

    public ListMask Adds { get; set; }

    public ListMask Removes { get; set; }

    public List<string>? DeleteIds { get; set; }

    /// <summary>
    /// The profile whose record the lookup found under the request's key and which leaves that key
    /// in this batch: the request takes the key only if that profile moves (see WaitForMovers).
    /// </summary>
    public string? WaitsOn { get; set; }
}
