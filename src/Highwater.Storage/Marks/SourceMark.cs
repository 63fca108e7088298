namespace Highwater.Storage.Marks;

/// <summary>
/// A keyset position in a source: every row with (mark, key) greater than this pair is unread.
/// Values are kept in their invariant text form; the reader converts them back to the column's type.
/// </summary>
/// <param name="Mark">The mark column's value of the last row read (an updated_at or an increasing id).</param>
/// <param name="Key">The key of the last row read, breaking ties between rows with the same mark.</param>
public sealed record SourceMark(string Mark, string Key);
