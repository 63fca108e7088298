using Highwater.Core.Profiles;

namespace Highwater.Sources.Reading;

/// <summary>One configured source: where its rows are and which columns mean what.</summary>
public sealed record SourceDefinition
{
    /// <summary>The source's name, unique in the configuration.</summary>
    public required string Name { get; init; }

    /// <summary>The kind of store.</summary>
    public required SourceKind Kind { get; init; }

    /// <summary>Connection string (SQLite, PostgreSQL, MySQL) or file path (CSV).</summary>
    public required string Connection { get; init; }

    /// <summary>The table (optionally <c>schema.table</c>); exactly one of Table and Query for databases.</summary>
    public string? Table { get; init; }

    /// <summary>A SELECT whose rows are the source; read as a subquery.</summary>
    public string? Query { get; init; }

    /// <summary>The column holding the profile key.</summary>
    public required string KeyColumn { get; init; }

    /// <summary>The high-water mark column; null means diff mode (read whole, compare content hashes per key).</summary>
    public string? MarkColumn { get; init; }

    /// <summary>The mark column's type.</summary>
    public MarkKind MarkKind { get; init; } = MarkKind.Timestamp;

    /// <summary>The columns contributed as properties (property name = column name); empty means every column but key, mark and deleted.</summary>
    public IReadOnlyList<string> PropertyColumns { get; init; } = [];

    /// <summary>A soft-delete column: a row whose value is true (or 1, or a non-null timestamp) marks the profile for deletion.</summary>
    public string? DeletedColumn { get; init; }

    /// <summary>Every row of this source marks its profile for deletion (a "deletions" table).</summary>
    public bool IsDeletions { get; init; }

    /// <summary>
    /// How far behind the mark each poll starts again, for transactions that commit late: a
    /// duration for timestamp marks, a count for integer marks. Unchanged rows re-read cost nothing.
    /// </summary>
    public string? LookBack { get; init; }

    /// <summary>
    /// How far ahead of the source database's clock a timestamp mark may be and still be moved to.
    /// A row further ahead (an <c>updated_at</c> in 2031) is read and exported, but the mark stays
    /// behind it, so edits of other rows are still read; it is reported until the clock catches up.
    /// </summary>
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// What its rows do to profiles: a primary source creates and deletes them; an enrich source
    /// only adds properties to them, and a deleted or vanished enrich row takes back its own.
    /// </summary>
    public SourceRole Role { get; init; } = SourceRole.Primary;

    /// <summary>Rows per page.</summary>
    public int PageSize { get; init; } = 5000;
}
