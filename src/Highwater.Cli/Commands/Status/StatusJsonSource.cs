namespace Highwater.Cli.Commands.Status;

/// <summary>
/// One source: where its last poll stopped, when it committed, the rows it has contributed, and
/// what its last poll could not place by its mark (<c>1 row ahead of the clock (key 31, ...)</c>).
/// </summary>
internal sealed record StatusJsonSource(string Name, string? Mark, string? MarkKey, DateTimeOffset? LastPolledAt, long Rows, IReadOnlyList<string>? MarkWarnings = null);
