namespace Highwater.Connectors.Modules;

/// <summary>
/// Where a problem the connector reports comes from in the configuration file: a problem whose
/// setting ends with <paramref name="Engine"/> is reported at the first of <paramref name="File"/>
/// that the file writes (the first when none is written).
/// </summary>
/// <param name="Engine">The end of the setting the connector names: <c>listFolderId</c>.</param>
/// <param name="File">The file's settings it comes from, most specific first: <c>listFolder</c>.</param>
public sealed record ProblemSource(string Engine, IReadOnlyList<string> File);
