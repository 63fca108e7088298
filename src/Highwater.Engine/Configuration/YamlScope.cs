using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Highwater.Engine.Configuration;

/// <summary>
/// Reads one YAML mapping as a settings section: typed values with their ranges, every problem
/// collected with its line and dotted path, and at the end every key nobody asked for reported as
/// unknown, with the keys that are known.
/// </summary>
internal sealed class YamlScope
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlScope(string file, string path, YamlMappingNode node, List<ConfigProblem> problems)
    {
        File = file;
        Path = path;
        _node = node;
        Problems = problems;
    }

    public string File { get; }

    public string Path { get; }

    public List<ConfigProblem> Problems { get; }

    public int Line => (int)_node.Start.Line;

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public void Problem(YamlNode? node, string key, string message) =>
        Problems.Add(new ConfigProblem(File, node is null ? Line : (int)node.Start.Line, Child(key), message));

    public void Problem(string message) => Problems.Add(new ConfigProblem(File, Line, Path, message));

    public bool Has(string key) => Node(key) is not null;

    public YamlNode? Node(string key)
    {
        _read.Add(key);
        return _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    /// <summary>The node at a dotted path below this mapping (<c>limits.daily</c>), without counting it as read.</summary>
    public YamlNode? Find(string dotted)
    {
        YamlNode? node = _node;
        foreach (var part in dotted.Split('.'))
        {
            node = node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(part), out var child) ? child : null;
        }

        return node;
    }

    public string? String(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required)
            {
                Problem(null, key, "is required");
            }

            return null;
        }

        if (node is not YamlScalarNode { Value: { } text })
        {
            Problem(node, key, "must be a single value");
            return null;
        }

        if (required && string.IsNullOrWhiteSpace(text))
        {
            Problem(node, key, "must not be empty");
            return null;
        }

        return text;
    }

    public int? Int(string key, int min, int max)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Problem(Node(key), key, $"must be {min}..{max} (was {text})");
            return null;
        }

        return value;
    }

    public long? Long(string key, long min, long max)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Problem(Node(key), key, $"must be {min}..{max} (was {text})");
            return null;
        }

        return value;
    }

    public double? Fraction(string key, double min, double max)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        var percent = text.EndsWith('%');
        if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || (percent ? value / 100 : value) is var v && (v < min || v > max))
        {
            Problem(Node(key), key, $"must be a share from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (or {min * 100:0}% to {max * 100:0}%) (was {text})");
            return null;
        }

        return percent ? value / 100 : value;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!bool.TryParse(text, out var value))
        {
            Problem(Node(key), key, $"must be true or false (was {text})");
            return null;
        }

        return value;
    }

    public TimeSpan? Duration(string key, TimeSpan min, TimeSpan max)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        switch (ConfigDuration.Read(text, out var value))
        {
            case ConfigDuration.Outcome.NoUnit:
                Problem(Node(key), key, $"needs a unit: s, m, h or d, like 90s, 15m, 2h or 1d (was {text})");
                return null;
            case ConfigDuration.Outcome.NotADuration:
                Problem(Node(key), key, $"must be a duration like 90s, 15m, 2h or 1d (was {text})");
                return null;
            case ConfigDuration.Outcome.Read when value >= min && value <= max:
                return value;
            default:
                Problem(Node(key), key, $"must be from {ConfigDuration.Format(min)} to {ConfigDuration.Format(max)} (was {text})");
                return null;
        }
    }

    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> choices, bool required = false)
        where T : struct
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!choices.TryGetValue(text, out var value))
        {
            Problem(Node(key), key, $"must be one of {string.Join(", ", choices.Keys)} (was {text})");
            return null;
        }

        return value;
    }

    public List<string>? Strings(string key)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode { Value: { } one }:
                return [one];
            case YamlSequenceNode sequence:
                var values = new List<string>();
                foreach (var item in sequence)
                {
                    if (item is YamlScalarNode { Value: { } text })
                    {
                        values.Add(text);
                    }
                    else
                    {
                        Problem(item, key, "must hold single values");
                    }
                }

                return values;
            default:
                Problem(node, key, "must be a list of values");
                return null;
        }
    }

    public YamlScope? Map(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required)
            {
                Problem(null, key, "is required");
            }

            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return new YamlScope(File, Child(key), mapping, Problems);
        }

        Problem(node, key, "must be a mapping of names to settings");
        return null;
    }

    /// <summary>The entries of a mapping whose keys are names the user chose (sources, destinations).</summary>
    public IEnumerable<(string Name, YamlNode Value)> Entries()
    {
        foreach (var (key, value) in _node.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                _read.Add(name);
                yield return (name, value);
            }
            else
            {
                Problems.Add(new ConfigProblem(File, (int)key.Start.Line, Path, "keys must be plain names"));
            }
        }
    }

    public YamlScope? Scope(string name, YamlNode value)
    {
        if (value is YamlMappingNode mapping)
        {
            return new YamlScope(File, Child(name), mapping, Problems);
        }

        Problem(value, name, "must be a mapping of settings");
        return null;
    }

    /// <summary>Reports every key that was never read as unknown, naming the known ones.</summary>
    public void Finish(params string[] known)
    {
        foreach (var (key, _) in _node.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && !_read.Contains(name))
            {
                var hint = known.Length == 0 ? "" : $" (known: {string.Join(", ", known)})";
                Problems.Add(new ConfigProblem(File, (int)key.Start.Line, Child(name), "unknown setting" + hint));
            }
        }
    }
}
