namespace Highwater.Sources.Reading;

/// <summary>Rows of a mark-mode source whose mark is NULL or unreadable, so no poll reads them.</summary>
/// <param name="Count">How many.</param>
/// <param name="Keys">The first few of their keys, in key order.</param>
public sealed record UnmarkedRows(long Count, IReadOnlyList<string> Keys)
{
    /// <summary>None.</summary>
    public static UnmarkedRows None { get; } = new(0, []);
}
