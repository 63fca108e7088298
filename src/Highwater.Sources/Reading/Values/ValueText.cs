using System.Globalization;
using System.Numerics;

namespace Highwater.Sources.Reading.Values;

/// <summary>
/// A column value as invariant text, the form every source row carries, so that a value reads the
/// same whatever the database or the machine's culture and content hashes stay stable.
/// </summary>
internal static class ValueText
{
    public static string? From(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        bool b => b ? "true" : "false",
        char c => c.ToString(),
        DateTime dt => TimestampText.From(dt),
        DateTimeOffset dto => TimestampText.From(dto),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan ts => ts.ToString("c", CultureInfo.InvariantCulture),
        Guid g => g.ToString("D"),
        byte[] bytes => Convert.ToBase64String(bytes),

        // Shortest text that reads back as the same number (.NET Core 3.0+), which is what "R" asked for.
        double d => d.ToString(CultureInfo.InvariantCulture),
        float f => f.ToString(CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        BigInteger i => i.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
