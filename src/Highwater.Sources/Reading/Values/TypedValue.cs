using System.Globalization;

namespace Highwater.Sources.Reading.Values;

/// <summary>
/// The way back from invariant text to a column's own type, for keyset parameters: a key compared
/// as the column's type compares in the database's own order (2 before 10 for an integer key).
/// </summary>
internal static class TypedValue
{
    /// <summary>Parses <paramref name="text"/> as <paramref name="type"/>; text for types it does not know.</summary>
    /// <exception cref="FormatException">The text is not a value of that type.</exception>
    public static object Parse(string text, Type type)
    {
        var invariant = CultureInfo.InvariantCulture;
        return Type.GetTypeCode(type) switch
        {
            TypeCode.SByte => sbyte.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.Byte => byte.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.Int16 => short.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.UInt16 => ushort.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.Int32 => int.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.UInt32 => uint.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.Int64 => long.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.UInt64 => ulong.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.Decimal => decimal.Parse(text, NumberStyles.Number, invariant),
            TypeCode.Double => double.Parse(text, NumberStyles.Float, invariant),
            TypeCode.Single => float.Parse(text, NumberStyles.Float, invariant),
            TypeCode.Boolean => bool.Parse(text),
            TypeCode.DateTime => ParseTimestamp(text),
            _ when type == typeof(Guid) => Guid.Parse(text, invariant),
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(ParseTimestamp(text)),
            _ when type == typeof(byte[]) => Convert.FromBase64String(text),
            _ => text,
        };
    }

    /// <summary>Whether <paramref name="type"/> holds whole numbers (or decimals, which PostgreSQL's numeric keys and marks are read as).</summary>
    public static bool IsWholeNumber(Type type) => Type.GetTypeCode(type) is >= TypeCode.SByte and <= TypeCode.UInt64 or TypeCode.Decimal;

    private static DateTime ParseTimestamp(string text) =>
        TimestampText.TryParse(text, out var utc) ? utc : throw new FormatException($"'{text}' is not an ISO 8601 timestamp.");
}
