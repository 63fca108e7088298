namespace Highwater.Cli.Commands.Plan;

/// <summary>What re-evaluating time-dependent groups changed.</summary>
internal sealed record PlanJsonGroupRefresh(long ProfilesChanged, long OutboxWritten);
