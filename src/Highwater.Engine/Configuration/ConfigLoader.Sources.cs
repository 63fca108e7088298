using Highwater.Sources.Reading;

namespace Highwater.Engine.Configuration;

public static partial class ConfigLoader
{
    private static readonly Dictionary<string, SourceKind> SourceKinds = new(StringComparer.Ordinal)
    {
        ["sqlite"] = SourceKind.Sqlite,
        ["postgres"] = SourceKind.Postgres,
        ["mysql"] = SourceKind.MySql,
        ["csv"] = SourceKind.Csv,
    };

    private static readonly Dictionary<string, MarkKind> MarkKinds = new(StringComparer.Ordinal)
    {
        ["timestamp"] = MarkKind.Timestamp,
        ["integer"] = MarkKind.Integer,
    };

    /// <summary>The reader's property names as the file spells them.</summary>
    private static readonly Dictionary<string, string> SourceKeys = new(StringComparer.Ordinal)
    {
        ["name"] = "name",
        ["kind"] = "kind",
        ["connection"] = "connection",
        ["table"] = "table",
        ["query"] = "query",
        ["keyColumn"] = "key",
        ["markColumn"] = "mark",
        ["markKind"] = "markKind",
        ["propertyColumns"] = "columns",
        ["deletedColumn"] = "deleted",
        ["lookBack"] = "lookBack",
        ["pageSize"] = "pageSize",
    };

    private static Dictionary<string, SourceConfig> ReadSources(YamlScope? scope, string baseDirectory)
    {
        var sources = new Dictionary<string, SourceConfig>(StringComparer.Ordinal);
        if (scope is null)
        {
            return sources;
        }

        foreach (var (name, node) in scope.Entries())
        {
            if (scope.Scope(name, node) is { } source && ReadSource(name, source, baseDirectory) is { } config)
            {
                sources[name] = config;
            }
        }

        if (sources.Count == 0 && !scope.Problems.Exists(p => p.Path.StartsWith("sources", StringComparison.Ordinal)))
        {
            scope.Problem("name at least one source");
        }

        return sources;
    }

    private static SourceConfig? ReadSource(string name, YamlScope scope, string baseDirectory)
    {
        var kind = scope.Choice("kind", SourceKinds, required: true);
        var connection = Secret(scope, "connection", connection: true);
        var table = scope.String("table");
        var query = scope.String("query");
        var key = scope.String("key", required: true);
        var mark = scope.String("mark");
        var markKind = scope.Choice("markKind", MarkKinds) ?? MarkKind.Timestamp;
        var columns = scope.Strings("columns") ?? [];
        var deleted = scope.String("deleted");
        var deletions = scope.Bool("deletions") ?? false;
        var lookBack = scope.Duration("lookBack", TimeSpan.Zero, TimeSpan.FromDays(7));
        var pollInterval = scope.Duration("pollInterval", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)) ?? TimeSpan.FromMinutes(1);
        var pageSize = scope.Int("pageSize", 1, 1_000_000) ?? 5000;
        scope.Finish("kind", "connection", "table", "query", "key", "mark", "markKind", "columns", "deleted", "deletions", "lookBack", "pollInterval", "pageSize");
        if (kind is null || connection is null || key is null)
        {
            return null;
        }

        var literal = connection.Literal;
        if (literal is not null && kind is SourceKind.Csv or SourceKind.Sqlite)
        {
            literal = SqliteOrFile(kind.Value, literal, baseDirectory);
            connection = SecretValue.Of(literal);
        }

        var definition = new SourceDefinition
        {
            Name = name,
            Kind = kind.Value,
            Connection = literal ?? Placeholder(kind.Value),
            Table = table,
            Query = query,
            KeyColumn = key,
            MarkColumn = mark,
            MarkKind = markKind,
            PropertyColumns = columns,
            DeletedColumn = deleted,
            IsDeletions = deletions,
            LookBack = lookBack is { } back ? $"{(long)back.TotalSeconds}s" : null,
            PageSize = pageSize,
        };

        var problems = SourceReaderFactory.Validate(definition);
        foreach (var problem in problems)
        {
            // "sources.NAME.property: message" → the file's own key for the property, at its line.
            var rest = problem.StartsWith($"sources.{name}.", StringComparison.Ordinal) ? problem[($"sources.{name}.".Length)..] : problem;
            var colon = rest.IndexOf(": ", StringComparison.Ordinal);
            var property = colon > 0 ? rest[..colon] : "";
            var message = colon > 0 ? rest[(colon + 2)..] : rest;
            if (property == "connection" && literal is null)
            {
                continue;
            }

            var yamlKey = SourceKeys.GetValueOrDefault(property, property);
            scope.Problem(scope.Node(yamlKey), yamlKey, message);
        }

        return problems.Count == 0 ? new SourceConfig(definition, connection, pollInterval) : null;
    }

    /// <summary>A SQLite source may name just its file; a CSV source is a file. Both resolve relative to the config's folder.</summary>
    private static string SqliteOrFile(SourceKind kind, string text, string baseDirectory)
    {
        if (kind == SourceKind.Csv)
        {
            return Path.IsPathRooted(text) ? text : Path.Combine(baseDirectory, text);
        }

        if (text.Contains('=', StringComparison.Ordinal))
        {
            return text;
        }

        return "Data Source=" + (Path.IsPathRooted(text) ? text : Path.Combine(baseDirectory, text));
    }

    /// <summary>Stands in for a connection given by reference, which is checked when the engine resolves it.</summary>
    private static string Placeholder(SourceKind kind) => kind switch
    {
        SourceKind.Sqlite => "Data Source=placeholder.db",
        SourceKind.Csv => "placeholder.csv",
        _ => "Host=127.0.0.1;Database=placeholder",
    };
}
