namespace Highwater.Engine.Reconciling;

/// <summary>One difference between a remote record and the buffer, and what became of it.</summary>
/// <param name="ProfileKey">The profile.</param>
/// <param name="Kind">What differs.</param>
/// <param name="RemoteId">The record's remote id, where one exists.</param>
/// <param name="ForeignKey">The foreign key the profile wants (for an orphan, the old key the record is under).</param>
/// <param name="Name">The field or list that differs, for field and list differences.</param>
/// <param name="RemoteValue">The field's value remotely.</param>
/// <param name="WantedValue">The field's value in the buffer.</param>
public sealed record ReconcileDifference(
    string ProfileKey,
    DifferenceKind Kind,
    string? RemoteId,
    string? ForeignKey,
    string? Name = null,
    string? RemoteValue = null,
    string? WantedValue = null)
{
    /// <summary>Whether it was repaired, only listed, left or failed.</summary>
    public FixState State { get; init; } = FixState.Listed;

    /// <summary>Why it was left or failed.</summary>
    public string? Note { get; init; }

    /// <summary>One line for people.</summary>
    public string Describe()
    {
        var record = RemoteId is null ? "" : $" record {RemoteId}";
        return Kind switch
        {
            DifferenceKind.MissingRecord => $"profile {ProfileKey} ({ForeignKey}): no record",
            DifferenceKind.FieldDiffers => $"profile {ProfileKey}{record}: {Name} is {Show(RemoteValue)}, wanted {Show(WantedValue)}",
            DifferenceKind.ListMissing => $"profile {ProfileKey}{record}: not in list '{Name}'",
            DifferenceKind.ListExtra => $"profile {ProfileKey}{record}: in list '{Name}' it should not be in",
            DifferenceKind.Orphan => $"profile {ProfileKey}{record}: its record is under an old key {ForeignKey}",
            DifferenceKind.ShouldNotExist => $"profile {ProfileKey}{record} ({ForeignKey}): deleted, but its record exists",
            _ => $"profile {ProfileKey}: {Kind}",
        };
    }

    private static string Show(string? value) => value is null ? "empty" : $"'{value}'";
}
