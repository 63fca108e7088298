namespace Highwater.Cli.Commands.Status;

/// <summary>A foreign key two or more live profiles share in the source: one record holds it, the others are rejected naming it.</summary>
internal sealed record StatusJsonSharedKey(string Key, IReadOnlyList<string> Profiles);
