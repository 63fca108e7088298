namespace Highwater.Storage.Marks;

/// <summary>What the buffer knows of one source.</summary>
/// <param name="Source">The source's configured name.</param>
/// <param name="Mark">Where the last poll stopped; null before the first.</param>
/// <param name="LastPolledAt">When the last poll committed; null before the first.</param>
/// <param name="Rows">Rows the source has contributed (their hashes are kept).</param>
/// <param name="Health">What the last poll could not place by its mark; null when nothing.</param>
public sealed record SourceState(string Source, SourceMark? Mark, DateTimeOffset? LastPolledAt, long Rows, MarkHealth? Health = null);
