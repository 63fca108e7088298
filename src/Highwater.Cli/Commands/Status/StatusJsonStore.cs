namespace Highwater.Cli.Commands.Status;

/// <summary>The buffer: its kind, where it is (a SQLite path, or the PostgreSQL connection's reference, never its value), and whether it exists yet.</summary>
internal sealed record StatusJsonStore(string Kind, string Location, bool Exists);
