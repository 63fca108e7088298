namespace Highwater.Cli.Commands.Status;

/// <summary>
/// The daily quota window as the buffer's ledger has it (every worker's calls): used, left beyond
/// the reserve, the reset; and when it would run out at the last run's rate, if before the reset.
/// </summary>
internal sealed record StatusJsonQuota(string Window, long Limit, long Reserve, long Used, long Left, DateTimeOffset ResetsAt, string TimeZone, DateTimeOffset? RunsOutAt);
