namespace Highwater.Sources.Reading;

/// <summary>One row as read from a source, values in invariant text form.</summary>
/// <param name="Key">The profile key.</param>
/// <param name="Mark">The row's mark value (null in diff mode).</param>
/// <param name="Properties">The contributed columns (null for SQL NULL).</param>
/// <param name="Deleted">Whether the row marks its profile for deletion.</param>
public sealed record SourceRow(string Key, string? Mark, IReadOnlyDictionary<string, string?> Properties, bool Deleted);
