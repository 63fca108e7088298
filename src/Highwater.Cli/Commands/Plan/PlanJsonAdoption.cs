namespace Highwater.Cli.Commands.Plan;

/// <summary>The pending list adoption.</summary>
internal sealed record PlanJsonAdoption(IReadOnlyList<string> Lists, int? MembersPerCall, int MinimumCalls);
