using Highwater.Storage.Ingest;

namespace Highwater.Storage.Outbox;

/// <summary>Entries as the stores write them.</summary>
internal static class OutboxEntries
{
    /// <summary>
    /// One entry per (destination, profile), live winning over backfill (a live change must not
    /// wait behind a backfill), in ordinal order so concurrent writers lock rows in one order.
    /// </summary>
    public static IReadOnlyList<OutboxEntry> Normalize(IEnumerable<OutboxEntry> entries) =>
        [.. entries
            .GroupBy(entry => (entry.Destination, entry.ProfileKey))
            .Select(group => group.First() with { Lane = group.Min(entry => entry.Lane) })
            .OrderBy(entry => entry.Destination, StringComparer.Ordinal)
            .ThenBy(entry => entry.ProfileKey, StringComparer.Ordinal)];
}
