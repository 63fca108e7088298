using System.Globalization;

namespace Highwater.Sources.Reading.Values;

/// <summary>The one text form of a point in time: ISO 8601, UTC, seven fractional digits.</summary>
internal static class TimestampText
{
    public const string Format = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    // Accepted on the way in: the canonical form, fewer fractional digits, a space for the T, an offset.
    private static readonly string[] ParseFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd",
    ];

    /// <summary>A timestamp without a zone is taken as UTC.</summary>
    public static string From(DateTime value) => AsUtc(value).ToString(Format, CultureInfo.InvariantCulture);

    public static string From(DateTimeOffset value) => From(value.UtcDateTime);

    /// <summary>Reads ISO 8601 text; no zone means UTC. The result's kind is UTC.</summary>
    public static bool TryParse(string? text, out DateTime utc)
    {
        if (DateTime.TryParseExact(
                text?.Trim(),
                ParseFormats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
                out var parsed))
        {
            utc = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            return true;
        }

        utc = default;
        return false;
    }

    public static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
