namespace Highwater.Cli.Commands.Plan;

/// <summary>The daily quota window as the ledger has it.</summary>
internal sealed record PlanJsonQuota(string Window, long Limit, long Reserve, long Used, long Left, DateTimeOffset ResetsAt, string TimeZone);
