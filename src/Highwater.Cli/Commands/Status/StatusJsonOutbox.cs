namespace Highwater.Cli.Commands.Status;

/// <summary>Rows waiting by lane, and the oldest waiting change.</summary>
internal sealed record StatusJsonOutbox(long Live, long Backfill, long Total, DateTimeOffset? OldestWaitingSince, double? OldestWaitingSeconds);
