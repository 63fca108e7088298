namespace Highwater.Core.Model;

/// <summary>
/// One profile bound for one destination in one batch: what it should look like remotely,
/// and what Highwater last confirmed exporting for it.
/// </summary>
public sealed record ExportRequest
{
    /// <summary>The profile's own key in Highwater.</summary>
    public required string ProfileKey { get; init; }

    /// <summary>The value the service identifies the record by, usually the e-mail address.</summary>
    public required string ForeignKey { get; init; }

    /// <summary>The foreign key last exported, when it has changed since; otherwise null.</summary>
    public string? PreviousForeignKey { get; init; }

    /// <summary>Mapped fields as the service names them; a null value clears the field.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = FieldValues.Empty;

    /// <summary>The groups the profile belongs to now.</summary>
    public IReadOnlySet<string> Groups { get; init; } = FieldValues.NoNames;

    /// <summary>Whether the profile should no longer exist remotely.</summary>
    public bool Delete { get; init; }

    /// <summary>
    /// Never exported, and yet known to be in none of the mapped lists: the destination read their
    /// members (adopted them) after the profile last changed, and found no record of it there. A
    /// first export of such a profile need not take its record out of lists it is not in.
    /// </summary>
    public bool ListsObserved { get; init; }

    /// <summary>
    /// Another profile's record may be under the request's key: its holder's move, first write or
    /// delete is in doubt. The record under the key is looked up before anything is written by the
    /// key alone, so the planner's ownership rules decide whose it is.
    /// </summary>
    public bool KeyContested { get; init; }

    /// <summary>What was last confirmed exported, or null when Highwater never exported it.</summary>
    public ExportedState? LastExported { get; init; }

    /// <summary>Whether the foreign key differs from the one last exported.</summary>
    public bool KeyChanged =>
        PreviousForeignKey is not null && !ForeignKeys.Comparer.Equals(PreviousForeignKey, ForeignKey);
}
