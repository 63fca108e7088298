using System.Globalization;

namespace Highwater.Sources.Reading.Values;

/// <summary>High-water marks as text: ISO 8601 UTC for timestamps, invariant decimal for integers.</summary>
internal static class MarkText
{
    /// <summary>The text form of a mark value as read from the source; null for SQL NULL.</summary>
    public static string? From(object? value, MarkKind kind) => (kind, value) switch
    {
        (_, null or DBNull) => null,
        (MarkKind.Timestamp, string text) => TimestampText.TryParse(text, out var utc) ? TimestampText.From(utc) : text,
        _ => ValueText.From(value),
    };

    /// <summary>Reads a timestamp mark back.</summary>
    /// <exception cref="ArgumentException">It is not an ISO 8601 timestamp.</exception>
    public static DateTime ParseTimestamp(string mark) =>
        TimestampText.TryParse(mark, out var utc)
            ? utc
            : throw new ArgumentException($"The mark '{mark}' is not an ISO 8601 timestamp ({TimestampText.Format}).", nameof(mark));

    /// <summary>Reads an integer mark back.</summary>
    /// <exception cref="ArgumentException">It is not a whole number.</exception>
    public static long ParseInteger(string mark) =>
        long.TryParse(mark, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"The mark '{mark}' is not a whole number.", nameof(mark));
}
