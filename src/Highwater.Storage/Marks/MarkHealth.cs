using System.Text.Json.Serialization;

namespace Highwater.Storage.Marks;

/// <summary>
/// Rows the last poll of a mark-mode source could not place by their mark: rows whose mark is
/// ahead of the source's clock (read and exported, but the mark does not move to them) and rows
/// whose mark is NULL or unreadable (never read). Kept with the source so <c>status</c> shows it.
/// </summary>
public sealed record MarkHealth
{
    /// <summary>Rows whose mark is ahead of the source's clock by more than the allowed skew.</summary>
    public long RowsAhead { get; init; }

    /// <summary>The first few of those rows' keys, in mark order.</summary>
    public IReadOnlyList<string> KeysAhead { get; init; } = [];

    /// <summary>The furthest mark among them, as the mark text.</summary>
    public string? FurthestAhead { get; init; }

    /// <summary>Rows whose mark is NULL or cannot be read as a mark.</summary>
    public long RowsUnmarked { get; init; }

    /// <summary>The first few of those rows' keys, in key order.</summary>
    public IReadOnlyList<string> KeysUnmarked { get; init; } = [];

    /// <summary>The stored mark itself, when it is ahead of the source's clock (set by hand, or before the skew check existed).</summary>
    public string? MarkAhead { get; init; }

    /// <summary>Nothing to report.</summary>
    [JsonIgnore]
    public bool IsClean => RowsAhead == 0 && RowsUnmarked == 0 && MarkAhead is null;

    /// <summary>Equal by value, lists included.</summary>
    public bool Equals(MarkHealth? other) =>
        other is not null
        && RowsAhead == other.RowsAhead
        && RowsUnmarked == other.RowsUnmarked
        && FurthestAhead == other.FurthestAhead
        && MarkAhead == other.MarkAhead
        && KeysAhead.SequenceEqual(other.KeysAhead, StringComparer.Ordinal)
        && KeysUnmarked.SequenceEqual(other.KeysUnmarked, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(RowsAhead, RowsUnmarked, FurthestAhead, MarkAhead);
}
