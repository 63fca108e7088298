namespace Highwater.Cli.Commands.Shared;

/// <summary>
/// How to type the <c>highwater</c> command on this machine, for lines the CLI prints for the user
/// to run: <c>highwater</c> when it is on the PATH (the .NET tool), else the <c>dotnet run</c> of
/// the project this build came from, else <c>dotnet</c> with the path of this build.
/// </summary>
internal static class Launcher
{
    /// <summary>The command prefix; <paramref name="path"/> is the PATH, <paramref name="baseDirectory"/> where this build runs from.</summary>
    public static string Command(string? path, string baseDirectory)
    {
        foreach (var folder in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(folder, "highwater")) || File.Exists(Path.Combine(folder, "highwater.exe")))
            {
                return "highwater";
            }
        }

        // A build of the repository: src/Highwater.Cli/bin/<configuration>/<framework>/.
        var project = Path.GetFullPath(Path.Combine(baseDirectory, "..", "..", ".."));
        return File.Exists(Path.Combine(project, "Highwater.Cli.csproj"))
            ? $"dotnet run --project {Quote(project)} --"
            : $"dotnet {Quote(Path.Combine(baseDirectory, "highwater.dll"))}";
    }

    /// <summary>The prefix for the running process.</summary>
    public static string Current() => Command(Environment.GetEnvironmentVariable("PATH"), AppContext.BaseDirectory);

    /// <summary>A path as a shell word: quoted only when it must be.</summary>
    public static string Quote(string path) =>
        path.Any(c => char.IsWhiteSpace(c) || "'\"$`\\!*?&;|<>()#~".Contains(c, StringComparison.Ordinal)) ? $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'" : path;
}
