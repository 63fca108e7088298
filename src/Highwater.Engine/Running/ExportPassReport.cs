using Highwater.Core.Scheduling;

namespace Highwater.Engine.Running;

/// <summary>What one pass over a destination's outbox did: every batch it ran, summed.</summary>
public sealed record ExportPassReport
{
    /// <summary>The destination.</summary>
    public required string Destination { get; init; }

    /// <summary>The destination's kind.</summary>
    public required string Kind { get; init; }

    /// <summary>Batches run (held ones not counted).</summary>
    public int Batches { get; init; }

    /// <summary>Rows claimed.</summary>
    public int Rows { get; init; }

    /// <inheritdoc cref="BatchReport.Exported"/>
    public int Exported { get; init; }

    /// <inheritdoc cref="BatchReport.Deleted"/>
    public int Deleted { get; init; }

    /// <inheritdoc cref="BatchReport.Skipped"/>
    public int Skipped { get; init; }

    /// <inheritdoc cref="BatchReport.RetryLater"/>
    public int RetryLater { get; init; }

    /// <inheritdoc cref="BatchReport.Rejected"/>
    public int Rejected { get; init; }

    /// <inheritdoc cref="BatchReport.GaveUp"/>
    public int GaveUp { get; init; }

    /// <summary>Data calls by kind.</summary>
    public IReadOnlyDictionary<string, long> Calls { get; init; } = new Dictionary<string, long>();

    /// <inheritdoc cref="BatchReport.MetadataCalls"/>
    public long MetadataCalls { get; init; }

    /// <inheritdoc cref="BatchReport.UnbatchedCalls"/>
    public long UnbatchedCalls { get; init; }

    /// <inheritdoc cref="BatchReport.RateLimitErrors"/>
    public long RateLimitErrors { get; init; }

    /// <summary>Rows still waiting when the pass ended.</summary>
    public long Waiting { get; init; }

    /// <summary>Why the pass stopped with rows waiting, when the schedule held them.</summary>
    public ScheduleRule? HeldBy { get; init; }

    /// <inheritdoc cref="BatchReport.HeldUntil"/>
    public DateTimeOffset? HeldUntil { get; init; }

    /// <inheritdoc cref="BatchReport.HeldReason"/>
    public string? HeldReason { get; init; }

    /// <summary>The first failures of the pass, each naming the profile and the reason.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>Why the pass stopped early as a whole (the service could not be reached, the lists could not be resolved); null when it ran.</summary>
    public string? Error { get; init; }

    /// <inheritdoc cref="BatchReport.QuotaWait"/>
    public string? QuotaWait { get; init; }

    /// <summary>
    /// Why the destination refused the pass as a whole, when it did (<c>credentials refused (HTTP 401
    /// from identity)</c>): a failure of the destination, not of any record; its rows wait.
    /// </summary>
    public string? Refused { get; init; }

    /// <summary>
    /// The one line that says why the pass stopped with rows waiting for the destination, not for the
    /// schedule: <c>marketo: credentials refused (HTTP 401 from identity); 6 rows wait</c>, or
    /// <c>marketo: daily quota spent; 2,000 rows wait until 2026-12-07T06:00:00Z (reset, America/Chicago)</c>.
    /// Null when it did not.
    /// </summary>
    public string? Stopped => Refused is { } refused
        ? $"{Destination}: {refused}; {RowsWait(Waiting)}"
        : QuotaWait is { } quota
            ? $"{Destination}: daily quota spent; {RowsWait(Waiting)}{(HeldUntil is { } until ? $" until {Running.QuotaWait.Instant(until)}" : "")} ({quota})"
            : null;

    /// <summary>How long the pass took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Data calls made in all.</summary>
    public long DataCalls => Calls.Values.Sum();

    /// <summary>Whether anything failed (rejected, gave up, a rate-limit error, or the destination stopped the pass: credentials refused, quota spent).</summary>
    public bool Failed => Error is not null || Refused is not null || QuotaWait is not null || Rejected > 0 || GaveUp > 0 || RateLimitErrors > 0;

    private static string RowsWait(long rows) => rows == 1 ? "1 row waits" : $"{rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} rows wait";

    /// <summary>Adds a batch.</summary>
    public ExportPassReport Add(BatchReport batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var calls = new SortedDictionary<string, long>(Calls.ToDictionary(), StringComparer.Ordinal);
        foreach (var (kind, count) in batch.Calls)
        {
            calls[kind] = calls.GetValueOrDefault(kind) + count;
        }

        return this with
        {
            Batches = Batches + (batch.HeldBy is null && batch.Rows > 0 ? 1 : 0),
            Rows = Rows + batch.Rows - batch.Held,
            Exported = Exported + batch.Exported,
            Deleted = Deleted + batch.Deleted,
            Skipped = Skipped + batch.Skipped,
            RetryLater = RetryLater + batch.RetryLater,
            Rejected = Rejected + batch.Rejected,
            GaveUp = GaveUp + batch.GaveUp,
            Calls = calls,
            MetadataCalls = MetadataCalls + batch.MetadataCalls,
            UnbatchedCalls = UnbatchedCalls + batch.UnbatchedCalls,
            RateLimitErrors = RateLimitErrors + batch.RateLimitErrors,
            HeldBy = batch.HeldBy ?? HeldBy,
            HeldUntil = batch.HeldUntil ?? HeldUntil,
            HeldReason = batch.HeldReason ?? HeldReason,
            QuotaWait = batch.QuotaWait ?? QuotaWait,
            Failures = Failures.Count >= 20 ? Failures : [.. Failures, .. batch.Failures.Take(20 - Failures.Count)],
        };
    }
}
