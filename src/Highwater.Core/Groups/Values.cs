using System.Globalization;

namespace Highwater.Core.Groups;

/// <summary>
/// How property values compare. Values are kept as invariant text; two values that both read as
/// numbers compare as numbers, two that both read as timestamps compare as instants, and any
/// others compare as ordinal text.
/// </summary>
internal static class Values
{
    public static int Compare(string left, string right)
    {
        if (TryNumber(left, out var a) && TryNumber(right, out var b))
        {
            return a.CompareTo(b);
        }

        if (TryInstant(left, out var x) && TryInstant(right, out var y))
        {
            return x.CompareTo(y);
        }

        return string.CompareOrdinal(left, right);
    }

    public static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryInstant(string text, out DateTimeOffset value)
    {
        // A bare number is not a date here, whatever the parser would make of it.
        if (text.Length < 8 || TryNumber(text, out _))
        {
            value = default;
            return false;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}
