using System.Text.RegularExpressions;

namespace Highwater.Cli.Tests;

/// <summary>
/// docs/errors.md is the catalogue of bad inputs and faults: what the user sees, the exit code and
/// what happens to the data. Every row names the tests that drive it; these tests hold the page to
/// that: enough rows, one id each, every row complete, and every test it names exists as a test
/// method (a [Fact] or [Theory], skippable or not) of the project and class it says.
/// </summary>
public sealed partial class ErrorCatalogueTests
{
    private static readonly Lazy<IReadOnlyList<CatalogueRow>> Rows = new(ReadRows);

    [Fact]
    public void Catalogue_HasAtLeastSixtyRows_EachWithItsOwnId()
    {
        var ids = Rows.Value.Select(r => r.Id).ToList();

        Assert.True(ids.Count >= 60, $"docs/errors.md has {ids.Count} rows; the issue asks for at least 60");
        var repeated = ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"ids used twice: {string.Join(", ", repeated)}");
    }

    [Fact]
    public void Catalogue_EveryRowSaysWhatTheUserSees_TheExitCode_AndWhatHappensToTheData()
    {
        var incomplete = Rows.Value
            .Where(r => r.Input.Length == 0 || r.Message.Length == 0 || r.Data.Length == 0 || !ExitCode().IsMatch(r.ExitCode))
            .Select(r => r.Id)
            .ToList();

        Assert.True(incomplete.Count == 0, $"rows missing the input, the message, a numeric exit code (or a dash) or what happens to the data: {string.Join(", ", incomplete)}");
    }

    [Fact]
    public void Catalogue_EveryRowNamesTestsThatExist()
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var row in Rows.Value)
        {
            var named = TestName().Matches(row.Tests);
            if (named.Count == 0)
            {
                missing.Add($"{row.Id}: names no test (`Project: Class.Method`)");
                continue;
            }

            // `Highwater.Cli.Tests: A.X, B.Y; Highwater.Engine.Tests: C.Z`: a project holds for the tests after it.
            string? project = null;
            foreach (Match test in named)
            {
                project = test.Groups["project"].Success ? test.Groups["project"].Value : project;
                if (project is null)
                {
                    missing.Add($"{row.Id}: {test.Value} names no project before it");
                    continue;
                }

                if (!sources.TryGetValue(project, out var text))
                {
                    sources[project] = text = ProjectSource(project);
                }

                var cls = test.Groups["class"].Value;
                var method = test.Groups["method"].Value;
                if (!Regex.IsMatch(text, $@"\bclass\s+{Regex.Escape(cls)}\b"))
                {
                    missing.Add($"{row.Id}: no class {cls} in {project}");
                }
                else if (!IsTestMethod(text, method))
                {
                    missing.Add($"{row.Id}: no test method {cls}.{method} in {project}");
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    /// <summary>Whether <paramref name="method"/> is declared with a [Fact] or [Theory] before it and no other method between.</summary>
    private static bool IsTestMethod(string text, string method)
    {
        foreach (Match declaration in Regex.Matches(text, $@"\b(void|Task)\s+{Regex.Escape(method)}\s*\("))
        {
            var start = Math.Max(0, declaration.Index - 4000);
            var before = text[start..declaration.Index];
            var attributes = Regex.Matches(before, @"\[\w*(Fact|Theory)\b");
            if (attributes.Count > 0 && !Regex.IsMatch(before[attributes[^1].Index..], @"\b(void|Task(<[^>]*>)?)\s+\w+\s*\("))
            {
                return true;
            }
        }

        return false;
    }

    private static string ProjectSource(string project)
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", project);
        Assert.True(Directory.Exists(folder), $"no test project {project} (tests/{project})");
        return string.Join("\n", Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
    }

    private static List<CatalogueRow> ReadRows()
    {
        var page = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "errors.md"));
        var rows = new List<CatalogueRow>();
        foreach (var line in page)
        {
            var cells = Cells(line);
            if (cells.Count != 6 || cells[0] is "id" || cells[0].StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            rows.Add(new CatalogueRow(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]));
        }

        return rows;
    }

    /// <summary>The cells of a table row; a <c>|</c> inside backticks or escaped (<c>\|</c>) belongs to its cell.</summary>
    private static List<string> Cells(string line)
    {
        var trimmed = line.Trim();
        if (!trimmed.StartsWith('|') || !trimmed.EndsWith('|'))
        {
            return [];
        }

        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var code = false;
        for (var i = 1; i < trimmed.Length - 1; i++)
        {
            var c = trimmed[i];
            if (c == '\\' && i + 1 < trimmed.Length - 1 && trimmed[i + 1] == '|')
            {
                cell.Append('|');
                i++;
                continue;
            }

            if (c == '`')
            {
                code = !code;
            }

            if (c == '|' && !code)
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
                continue;
            }

            cell.Append(c);
        }

        cells.Add(cell.ToString().Trim());
        return cells;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Highwater.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Highwater.slnx above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"(?:(?<project>Highwater\.[A-Za-z]+\.Tests):\s*)?\b(?<class>[A-Z][A-Za-z0-9_]*Tests?[A-Za-z0-9_]*)\.(?<method>[A-Za-z0-9_]+)")]
    private static partial Regex TestName();

    [GeneratedRegex(@"^(.*\d.*|—.*|-)$")]
    private static partial Regex ExitCode();

    private sealed record CatalogueRow(string Id, string Input, string Message, string ExitCode, string Data, string Tests);
}
