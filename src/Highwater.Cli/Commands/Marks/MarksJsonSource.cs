namespace Highwater.Cli.Commands.Marks;

/// <summary>One source's mark: its kind, where the last poll stopped, and what it could not place by its mark.</summary>
internal sealed record MarksJsonSource(string Name, string Mode, string? Mark, string? MarkKey, DateTimeOffset? LastPolledAt, IReadOnlyList<string> Warnings);
