namespace Highwater.Core.Planning;

/// <summary>One record inside one planned call.</summary>
public sealed record PlannedRecord
{
    /// <summary>The profile this record speaks for.</summary>
    public required string ProfileKey { get; init; }

    /// <summary>
    /// The remote id, when known while planning. Null for a record a create or upsert earlier in
    /// the plan will produce: the executor takes its id from that answer.
    /// </summary>
    public string? RemoteId { get; init; }

    /// <summary>The foreign key: the key looked up, or the record's key as written.</summary>
    public string? ForeignKey { get; init; }

    /// <summary>For updates addressed by foreign key: the key the record has remotely now.</summary>
    public string? MatchForeignKey { get; init; }

    /// <summary>The fields to write; empty for calls that write none.</summary>
    public IReadOnlyDictionary<string, string?>? Fields { get; init; }

    /// <summary>Membership changes carried by this record: one for a list call, any number inline on a write.</summary>
    public IReadOnlyList<ListChange>? ListChanges { get; init; }
}
