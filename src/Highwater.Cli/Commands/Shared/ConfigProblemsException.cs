using Highwater.Engine.Configuration;

namespace Highwater.Cli.Commands.Shared;

/// <summary>The configuration has problems; the message lists every one, a line each (exit code 3).</summary>
internal sealed class ConfigProblemsException(string path, IReadOnlyList<ConfigProblem> problems)
    : Exception($"{path} has {problems.Count} problem(s); `highwater validate` lists them:\n{string.Join('\n', problems.Select(p => UrlText.WithoutUserInfo(p.ToString())))}")
{
    public IReadOnlyList<ConfigProblem> Problems { get; } = problems;
}
