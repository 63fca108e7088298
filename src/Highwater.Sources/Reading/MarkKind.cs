namespace Highwater.Sources.Reading;

/// <summary>The type of a source's high-water mark column, which decides how marks compare and look back.</summary>
public enum MarkKind
{
    /// <summary>A timestamp (updated_at); text form ISO 8601 UTC, <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>.</summary>
    Timestamp,

    /// <summary>An increasing integer (an id or a row version); text form invariant decimal.</summary>
    Integer,
}
