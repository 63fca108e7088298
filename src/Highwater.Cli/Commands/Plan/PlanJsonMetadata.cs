namespace Highwater.Cli.Commands.Plan;

/// <summary>The metadata calls beside the data calls: sign-in (not metered), list lookups, list creations at most.</summary>
internal sealed record PlanJsonMetadata(int SignIn, int ListLookups, int ListCreations, int Metered, int Total, string? Unpriced);
