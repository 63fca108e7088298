namespace Highwater.Engine.Configuration;

/// <summary>One thing wrong with a configuration file, where it is and why.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">The 1-based line, or 0 when the problem is not on one line.</param>
/// <param name="Path">The setting, dotted: <c>destinations.marketo.batchSize</c>.</param>
/// <param name="Message">What is wrong: <c>must be 1..300 (was 500)</c>.</param>
public sealed record ConfigProblem(string File, int Line, string Path, string Message)
{
    /// <summary><c>highwater.yaml:14 destinations.marketo.batchSize: must be 1..300 (was 500)</c>.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}" : File;
        return Path.Length > 0 ? $"{where} {Path}: {Message}" : $"{where}: {Message}";
    }
}
