namespace Highwater.Connectors.Modules;

/// <summary>
/// The values of a destination's own settings (<see cref="IServiceModule.Settings"/>), by key, as
/// the configuration read them; a setting the file leaves out is absent.
/// </summary>
public sealed class ServiceSettings
{
    private readonly Dictionary<string, object> _values;

    /// <summary>Makes the settings from values by key: <see cref="long"/>, <see cref="Uri"/> or a list of strings.</summary>
    public ServiceSettings(IEnumerable<KeyValuePair<string, object>> values) =>
        _values = new Dictionary<string, object>(values, StringComparer.Ordinal);

    /// <summary>No settings.</summary>
    public static ServiceSettings Empty { get; } = new([]);

    /// <summary>The keys given.</summary>
    public IEnumerable<string> Keys => _values.Keys;

    /// <summary>The whole number under <paramref name="name"/>, or null.</summary>
    public long? Integer(string name) => _values.TryGetValue(name, out var value) ? (long)value : null;

    /// <summary>The URL under <paramref name="name"/>, or null.</summary>
    public Uri? Url(string name) => _values.TryGetValue(name, out var value) ? (Uri)value : null;

    /// <summary>The strings under <paramref name="name"/>, or none.</summary>
    public IReadOnlyList<string> Strings(string name) => _values.TryGetValue(name, out var value) ? (IReadOnlyList<string>)value : [];
}
