namespace Highwater.Cli.Commands.Plan;

/// <summary>What polling one source into the copy found.</summary>
internal sealed record PlanJsonSource(string Name, PlanJsonMark? MarkBefore, PlanJsonMark? MarkAfter, long RowsRead, long RowsUnchanged, long ProfilesChanged, long Vanished, long OutboxWritten, long Coalesced);
