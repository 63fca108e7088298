namespace Highwater.Cli.Commands.Status;

/// <summary>One source: where its last poll stopped, when it committed, and the rows it has contributed.</summary>
internal sealed record StatusJsonSource(string Name, string? Mark, string? MarkKey, DateTimeOffset? LastPolledAt, long Rows);
