using Highwater.Core.Groups;
using YamlDotNet.RepresentationModel;

namespace Highwater.Engine.Configuration;

/// <summary>
/// Reads <c>highwater.yaml</c> and reports <b>every</b> problem at once, each with its line and
/// setting (<c>highwater.yaml:14 destinations.marketo.batchSize: must be 1..300 (was 500)</c>):
/// unknown keys, values out of range, references that resolve to nothing, and secrets written as
/// literals. Nothing is connected to; see <c>highwater validate --connect</c> for that.
/// </summary>
public static partial class ConfigLoader
{
    /// <summary>Reads and checks a configuration file.</summary>
    public static ConfigLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return new ConfigLoadResult(null, [new ConfigProblem(path, 0, "", $"is a folder, not a configuration file; name the file, like --config {Path.Combine(path, "highwater.yaml")}")]);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ConfigLoadResult(null, [new ConfigProblem(path, 0, "", $"cannot be read: {ex.Message}")]);
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>
    /// The line of the setting at <paramref name="path"/> (<c>destinations</c>, <c>crm</c>, <c>fields</c>,
    /// <c>jobtitle</c>) in configuration text, for a problem found after loading (by <c>validate --connect</c>); 0 when it is not there.
    /// </summary>
    public static int LineOf(string text, params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        YamlNode? node = LoadYaml(text ?? "") is { Documents.Count: > 0 } stream ? stream.Documents[0].RootNode : null;
        foreach (var part in path)
        {
            node = node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(part), out var child) ? child : null;
        }

        return node is null ? 0 : (int)node.Start.Line;
    }

    /// <summary>Checks configuration text; relative paths in it are taken from <paramref name="baseDirectory"/>.</summary>
    public static ConfigLoadResult Parse(string text, string file, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<ConfigProblem>();
        if (LoadYaml(text) is not { } stream)
        {
            return new ConfigLoadResult(null, [YamlProblem(text, file)]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new ConfigLoadResult(null, [new ConfigProblem(file, 1, "", "must be a mapping with store, sources, groups and destinations")]);
        }

        var top = new YamlScope(file, "", root, problems);
        var store = ReadStore(top.Map("store"), baseDirectory, top);
        var warnings = new List<ConfigProblem>();
        var sources = ReadSources(top.Map("sources", required: true), baseDirectory, warnings);
        var properties = sources.Values.SelectMany(s => s.Definition.PropertyColumns.Append(s.Definition.KeyColumn)).ToHashSet(StringComparer.Ordinal);
        var groups = ReadGroups(top.Map("groups"), properties);
        var destinations = ReadDestinations(top.Map("destinations", required: true), properties, groups);
        top.Finish("store", "sources", "groups", "destinations");

        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        warnings.Sort((a, b) => a.Line.CompareTo(b.Line));
        if (problems.Count > 0)
        {
            return new ConfigLoadResult(null, problems) { Warnings = warnings };
        }

        var config = new HighwaterConfig { Path = file, Store = store!, Sources = sources, Groups = groups, Destinations = destinations };
        return new ConfigLoadResult(config, problems) { Warnings = warnings };
    }

    private static StoreConfig? ReadStore(YamlScope? scope, string baseDirectory, YamlScope top)
    {
        if (scope is null)
        {
            return new StoreConfig("sqlite", SecretValue.Of(Path.Combine(baseDirectory, ".highwater", "buffer.db")));
        }

        var sqlite = scope.String("sqlite");
        var postgres = scope.Node("postgres") is not null ? Secret(scope, "postgres", connection: true) : null;
        scope.Finish("sqlite", "postgres");
        switch (sqlite, postgres)
        {
            case (not null, not null):
                scope.Problem("name either sqlite or postgres, not both");
                return null;
            case (not null, null):
                return new StoreConfig("sqlite", SecretValue.Of(Path.IsPathRooted(sqlite) ? sqlite : Path.Combine(baseDirectory, sqlite)));
            case (null, not null):
                return new StoreConfig("postgres", postgres);
            case (null, null) when scope.Has("postgres"):
                // Its own problem (a literal password, a malformed reference) is already reported at its line.
                return null;
            default:
                top.Problem(null, "store", "name sqlite (a file) or postgres (a connection reference)");
                return null;
        }
    }

    /// <summary>
    /// A value that may hold a secret. Credentials must be references; a connection string may be a
    /// literal only when it carries no password.
    /// </summary>
    private static SecretValue? Secret(YamlScope scope, string key, bool connection = false, bool required = true)
    {
        var text = scope.String(key, required);
        if (text is null)
        {
            return null;
        }

        var value = SecretValue.Parse(text);
        if (value is null)
        {
            scope.Problem(scope.Node(key), key, "a reference must be written ${NAME} (an environment variable) or ${file:PATH}");
            return null;
        }

        if (value.IsReference)
        {
            return value;
        }

        if (!connection)
        {
            // Never echo the literal: it is a secret.
            scope.Problem(scope.Node(key), key, "is a literal secret; write it as ${ENV_VAR} or ${file:PATH} so it stays out of the file");
            return null;
        }

        if (text.Contains("password", StringComparison.OrdinalIgnoreCase) || text.Contains("pwd=", StringComparison.OrdinalIgnoreCase) || HasUserInfo(text))
        {
            scope.Problem(scope.Node(key), key, "holds a literal password; put the whole connection in an environment variable and write ${ENV_VAR}");
            return null;
        }

        return value;
    }

    private static bool HasUserInfo(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal);

    private static IReadOnlyDictionary<string, GroupDefinition> NoGroups { get; } = new Dictionary<string, GroupDefinition>(StringComparer.Ordinal);
}
