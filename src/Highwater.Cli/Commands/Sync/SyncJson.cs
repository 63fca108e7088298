using System.Text.Json;
using System.Text.Json.Serialization;
using Highwater.Engine.Running;
using Highwater.Sources.Polling;

namespace Highwater.Cli.Commands.Sync;

/// <summary>The <c>sync --json</c> document: every poll and every destination's export, and whether anything failed.</summary>
internal static class SyncJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Write(SyncReport report) => JsonSerializer.Serialize(
        new
        {
            failed = report.Failed || report.Exports.Any(e => e.RetryLater > 0),
            elapsedSeconds = Math.Round(report.Elapsed.TotalSeconds, 3),
            polls = report.Polls.Select(p => new { source = p.Source, rowsRead = p.RowsRead, rowsUnchanged = p.RowsUnchanged, profilesChanged = p.ProfilesChanged, vanished = p.Vanished, outboxWritten = p.OutboxWritten, coalesced = p.Coalesced, waitingForPrimary = p.WaitingForPrimary, markWarnings = MarkHealthText.Lines(p.Health, p.Source) }),
            groupRefresh = report.GroupRefresh is { } g ? new { profilesScanned = g.ProfilesScanned, profilesChanged = g.ProfilesChanged, outboxWritten = g.OutboxWritten } : null,
            exports = report.Exports.Select(e => new
            {
                destination = e.Destination,
                kind = e.Kind,
                batches = e.Batches,
                rows = e.Rows,
                exported = e.Exported,
                deleted = e.Deleted,
                skipped = e.Skipped,
                retryLater = e.RetryLater,
                rejected = e.Rejected + e.GaveUp,
                calls = e.Calls,
                dataCalls = e.DataCalls,
                metadataCalls = e.MetadataCalls,
                unbatchedCalls = e.UnbatchedCalls,
                rateLimitErrors = e.RateLimitErrors,
                waiting = e.Waiting,
                held = e.HeldReason,
                heldUntil = e.HeldUntil,
                failures = e.Failures,
                error = e.Error,
                stopped = e.Stopped,
            }),
        },
        Options);
}
