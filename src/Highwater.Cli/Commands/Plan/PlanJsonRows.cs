namespace Highwater.Cli.Commands.Plan;

/// <summary>Rows waiting by lane.</summary>
internal sealed record PlanJsonRows(long Live, long Backfill, long Total);
