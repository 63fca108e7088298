using Highwater.Core.Profiles;
using Highwater.Sources.Reading;

namespace Highwater.Engine.Configuration;

public static partial class ConfigLoader
{
    // Kinds match as destination kinds do: whatever the case.
    private static readonly Dictionary<string, SourceKind> SourceKinds = new(StringComparer.OrdinalIgnoreCase)
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

    private static readonly Dictionary<string, SourceRole> SourceRoles = new(StringComparer.Ordinal)
    {
        ["primary"] = SourceRole.Primary,
        ["enrich"] = SourceRole.Enrich,
    };

    /// <summary>A source as read, before roles are settled across all of them.</summary>
    private sealed record SourceEntry(string Name, YamlScope Scope, SourceConfig? Config, SourceRole? Declared, bool Deletions);

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
        ["isDeletions"] = "deletions",
        ["lookBack"] = "lookBack",
        ["pageSize"] = "pageSize",
    };

    private static Dictionary<string, SourceConfig> ReadSources(YamlScope? scope, string baseDirectory, List<ConfigProblem> warnings)
    {
        var sources = new Dictionary<string, SourceConfig>(StringComparer.Ordinal);
        if (scope is null)
        {
            return sources;
        }

        var entries = new List<SourceEntry>();
        foreach (var (name, node) in scope.Entries())
        {
            if (scope.Scope(name, node) is { } source)
            {
                entries.Add(ReadSource(name, source, baseDirectory, warnings));
            }
        }

        var roles = Roles(entries);
        foreach (var entry in entries)
        {
            if (entry.Config is { } config)
            {
                sources[entry.Name] = config with { Definition = config.Definition with { Role = roles[entry.Name] } };
            }
        }

        if (sources.Count == 0 && !scope.Problems.Exists(p => p.Path.StartsWith("sources", StringComparison.Ordinal)))
        {
            scope.Problem("name at least one source");
        }

        return sources;
    }

    /// <summary>
    /// Settles each source's role: a deletions source is always primary (it deletes profiles); of the
    /// others, the one that says <c>role: primary</c> is, or else the first listed, and every other
    /// source enriches. Two primaries, an enrich deletions source, or no primary at all are problems,
    /// each reported at the source's <c>role</c> line.
    /// </summary>
    private static Dictionary<string, SourceRole> Roles(List<SourceEntry> entries)
    {
        var roles = new Dictionary<string, SourceRole>(StringComparer.Ordinal);
        var readers = entries.Where(e => !e.Deletions).ToList();
        var primary = readers.Find(e => e.Declared == SourceRole.Primary) ?? readers.Find(e => e.Declared is null);
        foreach (var entry in entries)
        {
            if (entry.Deletions)
            {
                if (entry.Declared == SourceRole.Enrich)
                {
                    entry.Scope.Problem(entry.Scope.Node("role"), "role", "a deletions source deletes profiles, which only the primary side does: it cannot be enrich");
                }

                roles[entry.Name] = SourceRole.Primary;
                continue;
            }

            if (entry.Declared == SourceRole.Primary && primary is not null && !ReferenceEquals(entry, primary))
            {
                entry.Scope.Problem(entry.Scope.Node("role"), "role", $"only one source can be primary, and {primary.Name} is: make this one enrich (its rows then add properties to {primary.Name}'s profiles)");
            }

            roles[entry.Name] = ReferenceEquals(entry, primary) ? SourceRole.Primary : SourceRole.Enrich;
        }

        if (primary is null && readers.Count > 0)
        {
            var first = readers[0];
            first.Scope.Problem(first.Scope.Node("role"), "role", "no source is primary, so no profile would ever be created: make one source role: primary (an enrich source only adds properties to profiles a primary source creates)");
        }

        return roles;
    }

    private static SourceEntry ReadSource(string name, YamlScope scope, string baseDirectory, List<ConfigProblem> warnings)
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
        var maxFutureSkew = scope.Duration("maxFutureSkew", TimeSpan.Zero, TimeSpan.FromDays(7));
        if (maxFutureSkew is not null && (mark is null || markKind != MarkKind.Timestamp))
        {
            scope.Problem(scope.Node("maxFutureSkew"), "maxFutureSkew", "only for sources with a timestamp mark (an integer mark has no clock to be ahead of)");
        }

        var pollInterval = scope.Duration("pollInterval", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)) ?? TimeSpan.FromMinutes(1);
        var pageSize = scope.Int("pageSize", 1, 1_000_000) ?? 5000;
        var role = scope.Choice("role", SourceRoles);
        scope.Finish("kind", "connection", "table", "query", "key", "mark", "markKind", "columns", "deleted", "deletions", "lookBack", "maxFutureSkew", "pollInterval", "pageSize", "role");
        if (kind is null || connection is null || key is null)
        {
            return new SourceEntry(name, scope, null, role, deletions);
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
            MaxFutureSkew = maxFutureSkew ?? TimeSpan.FromMinutes(5),
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

            var (yamlKey, node) = SourceSetting(scope, property);
            scope.Problem(node, yamlKey, message);
        }

        if (mark is not null && deleted is null && !deletions)
        {
            warnings.Add(new ConfigProblem(scope.File, (int)scope.Node("mark")!.Start.Line, scope.Child("mark"), "hard deletes are not seen in mark mode: a row deleted from the table keeps its profile (and its remote records); use diff mode (no mark) or a deleted column (deleted: COLUMN) that marks rows deleted"));
        }

        return new SourceEntry(name, scope, problems.Count == 0 ? new SourceConfig(definition, connection, pollInterval) : null, role, deletions);
    }

    /// <summary>
    /// The file's setting for a property of the reader's definition, and its node: <c>keyColumn</c> is
    /// <c>key</c>; <c>propertyColumns[1]</c> is <c>columns[1]</c>, at the line of that column.
    /// </summary>
    private static (string Key, YamlDotNet.RepresentationModel.YamlNode? Node) SourceSetting(YamlScope scope, string property)
    {
        var bracket = property.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0 && property.EndsWith(']') && int.TryParse(property[(bracket + 1)..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            var key = SourceKeys.GetValueOrDefault(property[..bracket], property[..bracket]);
            var node = scope.Node(key) switch
            {
                YamlDotNet.RepresentationModel.YamlSequenceNode list when index < list.Children.Count => list.Children[index],
                var single => single,
            };
            return ($"{key}[{index}]", node);
        }

        var yamlKey = SourceKeys.GetValueOrDefault(property, property);
        return (yamlKey, scope.Node(yamlKey));
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
