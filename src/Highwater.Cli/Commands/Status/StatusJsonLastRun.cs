namespace Highwater.Cli.Commands.Status;

/// <summary>The summary of the destination's last export pass.</summary>
internal sealed record StatusJsonLastRun(
    DateTimeOffset? At,
    int Batches,
    int Exported,
    int Deleted,
    int RetryLater,
    int Failed,
    long Calls,
    long RateLimitErrors,
    string? Held,
    string? FirstFailure,
    long? MetadataCalls = null,
    DateTimeOffset? FailingSince = null,
    string? Failure = null);
