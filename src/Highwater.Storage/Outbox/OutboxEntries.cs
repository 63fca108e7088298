using Highwater.Storage.Ingest;

namespace Highwater.Storage.Outbox;

/// <summary>Entries as the stores write them.</summary>
internal static class OutboxEntries
{
    private static readonly Comparison<OutboxEntry> ByDestinationAndKey = static (a, b) =>
    {
        var byDestination = string.CompareOrdinal(a.Destination, b.Destination);
        return byDestination != 0 ? byDestination : string.CompareOrdinal(a.ProfileKey, b.ProfileKey);
    };

    /// <summary>
    /// One entry per (destination, profile), live winning over backfill (a live change must not
    /// wait behind a backfill), in ordinal order so concurrent writers lock rows in one order.
    /// </summary>
    public static IReadOnlyList<OutboxEntry> Normalize(IEnumerable<OutboxEntry> entries)
    {
        var lanes = new Dictionary<(string Destination, string ProfileKey), OutboxLane>(entries.TryGetNonEnumeratedCount(out var count) ? count : 0);
        foreach (var entry in entries)
        {
            var key = (entry.Destination, entry.ProfileKey);
            lanes[key] = lanes.TryGetValue(key, out var lane) && lane < entry.Lane ? lane : entry.Lane;
        }

        var rows = new OutboxEntry[lanes.Count];
        var i = 0;
        foreach (var ((destination, profileKey), lane) in lanes)
        {
            rows[i++] = new OutboxEntry(destination, profileKey, lane);
        }

        Array.Sort(rows, ByDestinationAndKey);
        return rows;
    }
}
