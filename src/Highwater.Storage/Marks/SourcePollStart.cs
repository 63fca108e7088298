namespace Highwater.Storage.Marks;

/// <summary>What a poll of one source starts from.</summary>
/// <param name="Mark">Where the last poll stopped; null before the first.</param>
/// <param name="HasRows">Whether any row hash is stored for the source (false before its initial load).</param>
/// <param name="Health">What the last poll could not place by its mark; null when nothing.</param>
public sealed record SourcePollStart(SourceMark? Mark, bool HasRows, MarkHealth? Health = null);
