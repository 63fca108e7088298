using System.Globalization;

namespace Highwater.Sources.Reading.Values;

/// <summary>Reads a soft-delete column: true, a non-zero number or a non-null timestamp (a deleted_at) mark a deletion.</summary>
internal static class DeletedValue
{
    public static bool IsDeleted(object? value) => value switch
    {
        null or DBNull => false,
        bool b => b,
        DateTime or DateTimeOffset => true,
        string s => IsDeleted(s),
        IConvertible number when IsNumber(number) => number.ToDecimal(CultureInfo.InvariantCulture) != 0m,
        _ => false,
    };

    private static bool IsDeleted(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase) || trimmed == "1")
        {
            return true;
        }

        // A deleted_at held as text (SQLite, CSV): any timestamp means deleted.
        return TimestampText.TryParse(trimmed, out _);
    }

    private static bool IsNumber(IConvertible value) => value.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal;
}
