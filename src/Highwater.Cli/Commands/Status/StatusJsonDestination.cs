namespace Highwater.Cli.Commands.Status;

/// <summary>One destination: its outbox, the day's quota, the batch window, the last export pass and the dead letters.</summary>
internal sealed record StatusJsonDestination(
    string Name,
    string Kind,
    string Account,
    StatusJsonOutbox Outbox,
    StatusJsonQuota? Quota,
    StatusJsonWindow Window,
    StatusJsonLastRun? LastRun,
    long DeadLetters,
    IReadOnlyList<string>? AdoptedLists,
    DateTimeOffset? AdoptedAt,
    long KeyConflicts,
    IReadOnlyList<StatusJsonSharedKey> SharedKeys);
