using System.Text.Json;
using System.Text.Json.Serialization;
using Highwater.Core.Scheduling;

namespace Highwater.Engine.Running;

/// <summary>The summary of a destination's last export pass, as the store keeps it for <c>status</c>.</summary>
public sealed record LastRun
{
    /// <summary>How the store's JSON is written and read.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Batches run.</summary>
    public int Batches { get; init; }

    /// <summary>Profiles exported.</summary>
    public int Exported { get; init; }

    /// <summary>Profiles deleted.</summary>
    public int Deleted { get; init; }

    /// <summary>Profiles waiting for a retry.</summary>
    public int RetryLater { get; init; }

    /// <summary>Profiles rejected or given up on (dead letters).</summary>
    public int Failed { get; init; }

    /// <summary>Data calls made.</summary>
    public long Calls { get; init; }

    /// <summary>Metadata calls made (list lookups and creation, list reads, sign-in); null in a summary stored before they were kept.</summary>
    public long? MetadataCalls { get; init; }

    /// <summary>Rate-limit errors answered.</summary>
    public long RateLimitErrors { get; init; }

    /// <summary>Why the pass stopped with rows waiting, if the schedule held them.</summary>
    public string? Held { get; init; }

    /// <summary>The first failure of the pass.</summary>
    public string? FirstFailure { get; init; }

    /// <summary>The batch window in force when the pass ended (the scheduler's, which adapts in a running worker).</summary>
    public TimeSpan? Window { get; init; }

    /// <summary>Why the window was what it was: the scheduler's reason, by name (<c>Stretched</c>, <c>Pacing</c>, ...).</summary>
    public string? WindowReason { get; init; }

    /// <summary>Calls a live change cost in that worker's recent batches.</summary>
    public double? CallsPerChange { get; init; }

    /// <summary>When the day's quota would run out at that worker's rate, if before the reset.</summary>
    public DateTimeOffset? RunsOutAt { get; init; }

    /// <summary>The scheduler's forecast of the day in words.</summary>
    public string? Forecast { get; init; }

    /// <summary>
    /// Why the destination refused the pass as a whole (<c>marketo: credentials refused (HTTP 401 from
    /// identity); 6 rows wait</c>); null when it did not.
    /// </summary>
    public string? Failure { get; init; }

    /// <summary>Since when the destination has refused every pass: the first of the passes in a row that <see cref="Failure"/> stopped.</summary>
    public DateTimeOffset? FailingSince { get; init; }

    /// <summary>The summary of a pass, with the scheduler's forecast as the pass ended when given.</summary>
    public static LastRun From(ExportPassReport pass, DayForecast? forecast = null)
    {
        ArgumentNullException.ThrowIfNull(pass);
        return new LastRun
        {
            Window = forecast?.Window,
            WindowReason = forecast?.WindowReason.ToString(),
            CallsPerChange = forecast?.CallsPerChange,
            RunsOutAt = forecast?.RunsOutAt,
            Forecast = forecast?.Reason,
            Batches = pass.Batches,
            Exported = pass.Exported,
            Deleted = pass.Deleted,
            RetryLater = pass.RetryLater,
            Failed = pass.Rejected + pass.GaveUp,
            Calls = pass.DataCalls,
            MetadataCalls = pass.MetadataCalls,
            RateLimitErrors = pass.RateLimitErrors,
            Held = pass.HeldReason,
            FirstFailure = pass.Failures.Count > 0 ? pass.Failures[0] : null,
            Failure = pass.Refused is null ? null : pass.Stopped,
        };
    }
}
