namespace Highwater.Core.Model;

/// <summary>
/// What Highwater last confirmed exporting for one profile to one destination: the diff base.
/// </summary>
/// <remarks>
/// Memberships are kept as remote list names (after the group mapping), not as groups, so a
/// change to the mapping still diffs against what the service really holds.
/// </remarks>
public sealed record ExportedState
{
    /// <summary>The service's id of the record, where the service answered one.</summary>
    public string? RemoteId { get; init; }

    /// <summary>The mapped fields as last exported.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = FieldValues.Empty;

    /// <summary>The remote lists the record was last confirmed to be a member of.</summary>
    public IReadOnlySet<string> Lists { get; init; } = FieldValues.NoNames;

    /// <summary>
    /// Foreign keys moves of the record were sent toward whose outcomes are unknown (a crash, a
    /// lost answer): the record may carry one of them instead of the one it was last confirmed
    /// under, so a lookup asks for them too. Empty when no move is in doubt.
    /// </summary>
    public IReadOnlyList<string> KeysInDoubt { get; init; } = [];
}
